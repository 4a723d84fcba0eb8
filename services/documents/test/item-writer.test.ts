import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectPdf, createPdfDocument, releaseFinishedPages } from '../src/pdf-document.ts';
import { addGroup, addTagged, ItemWriter } from '../src/tagging.ts';
import { parentTreeMismatches, useScratchDir, writePdf } from './pdf-tools.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const meta = {
  title: 'Items',
  subject: 'Items',
  keywords: [],
  language: 'en',
  createdAt: new Date('2024-01-01T00:00:00Z'),
  auditLogHead: { seq: 1, hash: 'ab'.repeat(32) },
};

type Way = 'structure elements' | 'item writer';

/** A tagged document and its root element. */
function taggedDocument() {
  const doc = createPdfDocument(meta);
  const root = doc.struct('Document');
  doc.addStructure(root);
  return { doc, root };
}

/** Appends items to `list` one `way`: an LI holding an LBody with what `draw` puts on the page. */
function itemsOf(way: Way, doc: PDFKit.PDFDocument, list: PDFKit.PDFStructureElement): (draw: () => void) => void {
  if (way === 'item writer') {
    const writer = new ItemWriter(doc, list);
    return (draw) => writer.item(draw);
  }
  return (draw) => {
    const item = addGroup(doc, list, 'LI');
    addTagged(doc, item, 'LBody', draw);
    item.end();
  };
}

/** A row long enough to run onto three more pages. */
const LONG_ROW = 'A long item that flows onto the next page. '.repeat(300);

/**
 * Two lists of `rows` items each (enough to run over several pages, one item flowing over page breaks), between
 * tagged paragraphs, written either with PDFKit's structure elements (LI, then LBody with the row's content) or with
 * ItemWriter; finished pages released as the declaration releases them (after the row that started a page).
 */
async function lists(way: Way, rows: number): Promise<Buffer> {
  const { doc, root } = taggedDocument();
  const pdf = collectPdf(doc);
  const pageCount = () =>
    (doc as unknown as { _root: { data: { Pages: { data: { Count: number } } } } })._root.data.Pages.data.Count;
  let releasedAt = pageCount();
  for (const list of ['First', 'Second']) {
    addTagged(doc, root, 'H2', () => doc.text(`${list} list`));
    const l = addGroup(doc, root, 'L');
    const addItem = itemsOf(way, doc, l);
    for (let row = 0; row < rows; row++) {
      if (doc.y > 700) doc.addPage();
      const text = list === 'First' && row === 10 ? LONG_ROW : `${list} list, row ${row + 1}`;
      addItem(() => doc.text(text, 72, doc.y));
      if (pageCount() !== releasedAt) {
        releasedAt = pageCount();
        releaseFinishedPages(doc);
      }
    }
    l.end();
  }
  addTagged(doc, root, 'P', () => doc.text('The end.'));
  root.end();
  doc.end();
  return pdf;
}

/**
 * Writes `rows` items into a list and answers how many of the LI and LBody objects they made are still reachable
 * after a full collection, with the list still open.
 */
async function itemsAliveAfterWriting(way: Way, rows: number): Promise<number> {
  const { doc, root } = taggedDocument();
  const pdf = collectPdf(doc);
  const list = addGroup(doc, root, 'L');
  const addItem = itemsOf(way, doc, list);
  // Every LI and LBody object the items make, by way of the document's own factory.
  const made: WeakRef<object>[] = [];
  const internals = doc as unknown as { ref(data?: { S?: string }): object };
  const ref = internals.ref;
  internals.ref = function (data?: { S?: string }) {
    const object = ref.call(this, data);
    if (data?.S === 'LI' || data?.S === 'LBody') made.push(new WeakRef(object));
    return object;
  };
  for (let row = 0; row < rows; row++) addItem(() => doc.text(`Row ${row}`));
  internals.ref = ref;
  expect(made.length).toBe(2 * rows);
  // Out of the drawing's scope, then a turn of the event loop: WeakRefs hold until the job that read them ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const alive = made.filter((object) => object.deref() !== undefined).length;
  list.end();
  root.end();
  doc.end();
  await pdf;
  return alive;
}

describe(ItemWriter.name, () => {
  const scratch = useScratchDir();

  it('writes the same bytes as PDFKit’s structure elements, and every item in the parent tree', async () => {
    const [elements, written] = await Promise.all([lists('structure elements', 120), lists('item writer', 120)]);
    expect(written.equals(elements)).toBe(true);
    // The same bytes: and those bytes name each marked piece's element in the parent tree, as a reader needs.
    const { checked, mismatches } = await parentTreeMismatches(await writePdf(scratch.path('items.pdf'), written));
    expect(mismatches).toEqual([]);
    // Every row, the long row's pieces on the three pages it runs onto, the two headings and the closing paragraph.
    expect(checked).toBe(2 * 120 + 3 + 3);
  });

  it('keeps no item once it is written, while its list is still open (PDFKit’s elements keep every item)', async () => {
    expect(await itemsAliveAfterWriting('item writer', 30)).toBe(0);
    expect(await itemsAliveAfterWriting('structure elements', 30)).toBeGreaterThanOrEqual(30);
  });

  it('refuses an item for a list that has ended, as PDFKit refuses a child for an ended element', () => {
    const { doc, root } = taggedDocument();
    const list = addGroup(doc, root, 'L');
    const writer = new ItemWriter(doc, list);
    writer.item(() => doc.text('The only item'));
    list.end();
    expect(() => writer.item(() => doc.text('One too many'))).toThrow(/ended/);
  });
});
