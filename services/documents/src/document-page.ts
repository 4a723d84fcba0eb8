import { documentLocaleFor, documentMessages, documentPlurals } from './locales/index.ts';
import { type FooterText, PageFurniture } from './page-furniture.ts';
import { COLOR, CONTENT_WIDTH, PAGE, STYLE } from './page-style.ts';
import { type TableColumn, type TableStyles, writeTable } from './tagged-table.ts';
import { addGroup } from './tagging.ts';
import { ensureSpace, type TextArguments, writeText } from './text-flow.ts';

const LEFT = PAGE.margins.left;
const LABEL_WIDTH = 130;

const TABLE: TableStyles = {
  head: { face: 'bold', size: 8.5, color: COLOR.ink },
  cell: { face: 'regular', size: 8.5, color: COLOR.ink },
  rowHead: { face: 'regular', size: 8.5, color: COLOR.ink },
};

/**
 * What a document of several pages writes with (the progress report, the run sheet): the document, its running
 * footer, the root of the structure tree, the language's messages, and the pieces of layout every such document
 * uses, each tagged as it is laid out top to bottom.
 */
export class DocumentPage {
  readonly doc: PDFKit.PDFDocument;
  readonly furniture: PageFurniture;
  readonly root: PDFKit.PDFStructureElement;
  /** The document's language, its messages and its plural picker. */
  readonly language: string;
  readonly t: ReturnType<typeof documentMessages>;
  readonly plural: ReturnType<typeof documentPlurals>;

  constructor(doc: PDFKit.PDFDocument, language: string, footer: Omit<FooterText, 'pageLabel'>) {
    this.doc = doc;
    this.language = documentLocaleFor(language);
    this.t = documentMessages(this.language);
    this.plural = documentPlurals(this.language);
    this.furniture = new PageFurniture(doc, { ...footer, pageLabel: (page) => this.t('document_page', { page }) });
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** A new section of the document, to be ended by the caller. */
  section(): PDFKit.PDFStructureElement {
    return addGroup(this.doc, this.root, 'Sect');
  }

  /** A tagged block of text at the pen, flowing onto new pages if it must. */
  text(...args: TextArguments): void {
    writeText(this.doc, this.furniture, ...args);
  }

  /** A label–value pair of a list. */
  item(list: PDFKit.PDFStructureElement, label: string, value: string): void {
    const doc = this.doc;
    const item = addGroup(doc, list, 'LI');
    this.furniture.use(STYLE.body);
    ensureSpace(doc, doc.heightOfString(value, { width: CONTENT_WIDTH - LABEL_WIDTH }) + 6);
    const top = doc.y;
    this.text(item, 'Lbl', label, { ...STYLE.body, color: COLOR.muted }, { width: LABEL_WIDTH - 10 });
    const labelBottom = doc.y;
    doc.y = top;
    this.text(item, 'LBody', value, STYLE.body, { x: LEFT + LABEL_WIDTH, width: CONTENT_WIDTH - LABEL_WIDTH });
    doc.y = Math.max(doc.y, labelBottom) + 5;
    item.end();
  }

  /** The line before a table that says what it holds. */
  caption(parent: PDFKit.PDFStructureElement, text: string): void {
    this.text(parent, 'P', text, { ...STYLE.small, size: 8.5 }, { gap: 4, keepWith: 40 });
  }

  /** A tagged table in the documents' table style, its header repeated on every page it runs over. */
  table(
    parent: PDFKit.PDFStructureElement,
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
  ): void {
    writeTable(this.doc, this.furniture, parent, columns, rows, TABLE);
  }
}
