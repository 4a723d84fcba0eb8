import type { ProgressReportData } from './document-data.ts';
import { isoDate } from './formats.ts';
import { documentLocaleFor, documentMessages, documentPlurals } from './locales/index.ts';
import { PageFurniture } from './page-furniture.ts';
import { COLOR, CONTENT_WIDTH, PAGE, STYLE } from './page-style.ts';
import type { ChartBox } from './progress-charts.ts';
import { type TableColumn, type TableStyles, writeTable } from './tagged-table.ts';
import { addGroup, addTagged } from './tagging.ts';
import { ensureSpace, type TextArguments, writeText } from './text-flow.ts';

const LEFT = PAGE.margins.left;
const LABEL_WIDTH = 130;

const TABLE: TableStyles = {
  head: { face: 'bold', size: 8.5, color: COLOR.ink },
  cell: { face: 'regular', size: 8.5, color: COLOR.ink },
  rowHead: { face: 'regular', size: 8.5, color: COLOR.ink },
};

/** The document's title in its language, also its register entry's. */
export function progressReportTitle(data: Pick<ProgressReportData, 'alliance' | 'year' | 'language'>): string {
  return documentMessages(data.language)('progress_title', { year: data.year, alliance: data.alliance.name });
}

/** What the target's flow is, in words: "used in products". */
export const flowWords = (flow: 'supply' | 'uptake', language = 'en') =>
  documentMessages(language)(flow === 'uptake' ? 'progress_flow_uptake' : 'progress_flow_supply');

/** The flow's name: "uptake", "supply". */
export const flowName = (flow: 'supply' | 'uptake', language = 'en') =>
  documentMessages(language)(flow === 'uptake' ? 'progress_flow_name_uptake' : 'progress_flow_name_supply');

/**
 * What every section of the progress report writes with (progress-report-*.ts, one file a section): the
 * document and its data, the running footer, the root of the structure tree, and the report's pieces of
 * layout, each tagged as it is laid out top to bottom.
 */
export class ProgressReportPage {
  readonly doc: PDFKit.PDFDocument;
  readonly data: ProgressReportData;
  readonly furniture: PageFurniture;
  readonly root: PDFKit.PDFStructureElement;
  /** The document's language, its messages and its plural picker. */
  readonly language: string;
  readonly t: ReturnType<typeof documentMessages>;
  readonly plural: ReturnType<typeof documentPlurals>;

  constructor(doc: PDFKit.PDFDocument, data: ProgressReportData) {
    this.doc = doc;
    this.data = data;
    this.language = documentLocaleFor(data.language);
    this.t = documentMessages(this.language);
    this.plural = documentPlurals(this.language);
    this.furniture = new PageFurniture(doc, {
      lead: progressReportTitle(data),
      tail: this.t('progress_footer_tail', { date: isoDate(data.generatedAt), url: data.verificationUrl }),
      auditLogHead: data.auditLogHead,
      pageLabel: (page) => this.t('document_page', { page }),
    });
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

  /** A chart of `height` as a tagged Figure with its alternative text, kept whole on one page. */
  figure(parent: PDFKit.PDFStructureElement, height: number, alt: string, draw: (box: ChartBox) => void): void {
    const doc = this.doc;
    ensureSpace(doc, height);
    const box = { x: LEFT, y: doc.y, width: CONTENT_WIDTH, height };
    addTagged(doc, parent, 'Figure', () => draw(box), {
      alt,
      bbox: [box.x, box.y, box.x + box.width, box.y + box.height],
      placement: 'Block',
    });
    // Drawing moved the pen to wherever the last label was; the figure ends at its box.
    doc.x = LEFT;
    doc.y = box.y + height + 6;
  }

  /** The line before a table that says what it holds. */
  caption(parent: PDFKit.PDFStructureElement, text: string): void {
    this.text(parent, 'P', text, { ...STYLE.small, size: 8.5 }, { gap: 4, keepWith: 40 });
  }

  /** A tagged table in the report's table style, its header repeated on every page it runs over. */
  table(
    parent: PDFKit.PDFStructureElement,
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
  ): void {
    writeTable(this.doc, this.furniture, parent, columns, rows, TABLE);
  }
}
