/**
 * Accessibility tagging on top of PDFKit's structure API. Every piece of content is either part of the
 * structure tree (read aloud, reflowed, extracted in reading order) or an artifact (page furniture such as
 * footers and rules), as PDF/A-3a and PDF/UA require.
 */

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
