import type { ProgressReportData } from './document-data.ts';
import { DocumentPage } from './document-page.ts';
import { isoDate } from './formats.ts';
import { documentMessages } from './locales/index.ts';
import { CONTENT_WIDTH, PAGE } from './page-style.ts';
import type { ChartBox } from './progress-charts.ts';
import { addTagged } from './tagging.ts';
import { ensureSpace } from './text-flow.ts';

const LEFT = PAGE.margins.left;

/** The document's title in its language, also its register entry's. */
export function progressReportTitle(data: Pick<ProgressReportData, 'alliance' | 'year' | 'language'>): string {
  return documentMessages(data.language)('progress_title', { year: data.year, alliance: data.alliance.name });
}

/** What the target counts, in words: "used in products"; for a target of both, both and which counts. */
export const flowWords = (flow: 'supply' | 'uptake' | 'both', language = 'en') =>
  documentMessages(language)(`progress_flow_${flow}`);

/** The flow's name: "uptake", "supply", or for a target of both "the lesser of supply and uptake". */
export const flowName = (flow: 'supply' | 'uptake' | 'both', language = 'en') =>
  documentMessages(language)(`progress_flow_name_${flow}`);

/**
 * What every section of the progress report writes with (progress-report-*.ts, one file a section): the
 * document's pieces of layout (DocumentPage), its data, and charts.
 */
export class ProgressReportPage extends DocumentPage {
  readonly data: ProgressReportData;

  constructor(doc: PDFKit.PDFDocument, data: ProgressReportData) {
    const t = documentMessages(data.language);
    super(doc, data.language, {
      lead: progressReportTitle(data),
      tail: t('progress_footer_tail', { date: isoDate(data.generatedAt), url: data.verificationUrl }),
      auditLogHead: data.auditLogHead,
    });
    this.data = data;
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
}
