/**
 * Accessibility tagging on top of PDFKit's structure API. Every piece of content is either part of the
 * structure tree (read aloud, reflowed, extracted in reading order) or an artifact (page furniture such as
 * footers and rules), as PDF/A-3a and PDF/UA require.
 */

import { bareReference, writtenAs } from './pdf-document.ts';

/** PDFKit also reads `bbox` and `placement` (Layout attributes, e.g. for figures); its types lack them. */
export interface StructOptions extends PDFKit.Mixins.StructureElementOptions {
  /** [left, top, right, bottom] in PDFKit's top-down page coordinates. */
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
  /** For a table header cell (TH): the cells it heads. */
  scope?: 'Row' | 'Column' | 'Both';
}

/**
 * Appends to `parent` a structure element of `type` whose content is what `draw` puts on the page. `parent`
 * must already be in the tree (added to the document, or to an element that is): PDFKit then runs `draw`
 * at once, and writes the element out as soon as it is complete, which keeps long documents small in memory.
 */
export function addTagged(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: string,
  draw: () => void,
  options: StructOptions = {},
): PDFKit.PDFStructureElement {
  const element = doc.struct(type, options, [draw]);
  parent.add(element);
  return element;
}

/** Appends an empty grouping element (L, LI, Sect…) to `parent`, to be filled and then ended by the caller. */
export function addGroup(
  doc: PDFKit.PDFDocument,
  parent: PDFKit.PDFStructureElement,
  type: string,
  options: StructOptions = {},
): PDFKit.PDFStructureElement {
  const element = doc.struct(type, options);
  parent.add(element);
  return element;
}

/** Draws page furniture that assistive technology and text extraction in reading order should skip. */
export function drawArtifact(doc: PDFKit.PDFDocument, type: 'Pagination' | 'Layout', draw: () => void): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** PDFKit's indirect object, as far as the list writer uses it. */
interface Reference {
  id: number;
  gen: number;
  data: Record<string, unknown>;
  end(): void;
}
interface StructureInternals {
  dictionary: Reference;
  _ended: boolean;
}
interface DocumentInternals {
  ref(data: Record<string, unknown>): Reference;
  getStructParentTree(): { get(key: number): unknown[] };
  markStructureContent(tag: string): { refs: { pageRef: Reference; mcid: number }[] };
}

/**
 * Several object references that PDFKit writes as one array item, `id 0 R id 0 R …` (PDFKit gives every object
 * generation 0): it writes an array's items separated by single spaces. A list's `K` holding one run of n items reads
 * exactly as the same array holding n references, and costs a number an item.
 */
function referenceRun(like: Reference): { readonly run: object; push(id: number): void } {
  const ids: number[] = [];
  const run = writtenAs(like, () => ids.map((id) => `${id} 0 R`).join(' '));
  return { run, push: (id) => void ids.push(id) };
}

/**
 * The items of one list (L), each an LI holding one LBody with what `draw` puts on the page, written as PDFKit's
 * structure elements would write them, byte for byte, without making them. A declaration lists tens of thousands of
 * signatories: two structure elements a row were a fifth of its time, and PDFKit keeps every item of a list until the
 * list ends. Here an item costs the list one number (its object number, in a reference run), and the parent tree one
 * reference with no dictionary behind it.
 */
export class ItemWriter {
  readonly #doc: DocumentInternals & PDFKit.PDFDocument;
  readonly #list: StructureInternals;
  readonly #items: ReturnType<typeof referenceRun>;

  /** `list` must be in the tree already, and get nothing but these items. */
  constructor(doc: PDFKit.PDFDocument, list: PDFKit.PDFStructureElement) {
    this.#doc = doc as unknown as DocumentInternals & PDFKit.PDFDocument;
    this.#list = list as unknown as StructureInternals;
    this.#items = referenceRun(this.#list.dictionary);
    // One child standing for every item, of PDFKit's own class (PDFKit checks the class of a child), already written.
    const standIn = Object.create(Object.getPrototypeOf(list), {
      dictionary: { value: this.#items.run },
      setParent: { value: () => {} },
      setAttached: { value: () => {} },
      end: { value: () => {} },
      _isFlushable: { value: () => true },
    });
    list.add(standIn);
  }

  /** Appends an item. Its content may run onto a new page, as with PDFKit's elements (its LBody then names both). */
  item(draw: () => void): void {
    if (this.#list._ended) throw new Error('Cannot add an item to a list that has ended');
    const doc = this.#doc;
    // In PDFKit's order: the LI is made and attached to the list, then its LBody made.
    const item = doc.ref({ S: 'LI' });
    item.data.P = this.#list.dictionary;
    const body = doc.ref({ S: 'LBody' });
    body.data.P = item;
    // PDFKit adds each page's piece to this content when `draw` starts a new page.
    const content = doc.markStructureContent('LBody');
    draw();
    doc.endMarkedContent();
    // What PDFKit's element does once its content is drawn: the parent tree names the LBody for every piece, and the
    // LBody holds the first page's marked-content ids by number, another page's by a reference (MCR).
    const tree = doc.getStructParentTree();
    const kids: unknown[] = [];
    body.data.K = kids;
    for (const { pageRef, mcid } of content.refs) {
      (tree.get(pageRef.data.StructParents as number) as unknown[])[mcid] = bareReference(body);
      body.data.Pg ??= pageRef;
      kids.push(body.data.Pg === pageRef ? mcid : { Type: 'MCR', Pg: pageRef, MCID: mcid });
    }
    body.end();
    item.data.K = [body];
    item.end();
    this.#items.push(item.id);
  }
}
