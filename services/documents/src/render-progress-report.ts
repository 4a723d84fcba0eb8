import type { ProgressReportData } from './document-data.ts';
import { formatMass, isoDate } from './formats.ts';
import { documentLocaleFor, documentMessages } from './locales/index.ts';
import { COLOR, STYLE } from './page-style.ts';
import { createPdfDocument } from './pdf-document.ts';
import { PdfSink } from './pdf-sink.ts';
import { renderBreakdowns } from './progress-report-breakdowns.ts';
import { renderProgressByYear } from './progress-report-by-year.ts';
import { renderFront } from './progress-report-front.ts';
import { renderMethod } from './progress-report-method.ts';
import { flowWords, ProgressReportPage, progressReportTitle } from './progress-report-page.ts';
import { renderSummary } from './progress-report-summary.ts';
import { renderSupplyAndUptake } from './progress-report-supply-uptake.ts';
import { addGroup } from './tagging.ts';

export { progressLabels } from './progress-labels.ts';
export { progressReportTitle } from './progress-report-page.ts';
export { trajectoryInWords } from './progress-report-summary.ts';

/**
 * Streams the progress report of an alliance for one year into `output`, hashing as it goes; ends `output` and
 * resolves once it has taken every byte. One renderer a section (progress-report-*.ts), laid out top to bottom;
 * charts are vector drawings, each a tagged Figure with alternative text, followed by a table of the same
 * figures. On failure `output` is left unended.
 */
export async function renderProgressReport(
  data: ProgressReportData,
  output: NodeJS.WritableStream,
): Promise<{ sha256: string; byteSize: number }> {
  const language = documentLocaleFor(data.language);
  const t = documentMessages(language);
  const doc = createPdfDocument({
    title: progressReportTitle(data),
    subject: t('progress_subject', {
      alliance: data.alliance.name,
      target: formatMass(data.target.tonnes, language),
      flow: flowWords(data.target.counts, language),
      targetYear: data.target.year,
      year: data.year,
      date: isoDate(data.generatedAt),
    }),
    keywords: [
      data.alliance.name,
      t('progress_keyword'),
      String(data.year),
      t('progress_keyword_recycled'),
      t('progress_keyword_pledges'),
    ],
    language,
    createdAt: data.generatedAt,
    auditLogHead: data.auditLogHead,
  });
  const sink = new PdfSink(doc, output);
  try {
    const page = new ProgressReportPage(doc, data);
    renderFront(page);
    renderSummary(page);
    await sink.flush();
    renderProgressByYear(page);
    await sink.flush();
    renderSupplyAndUptake(page);
    await sink.flush();
    renderBreakdowns(page);
    await sink.flush();
    renderMethod(page);
    renderVerificationNote(page);
    return await sink.end();
  } finally {
    sink.dispose();
  }
}

/** Where to check the document, last; ends the structure tree. */
function renderVerificationNote(page: ProgressReportPage): void {
  const doc = page.doc;
  doc.y += 8;
  const note = addGroup(doc, page.root, 'P');
  page.text(note, 'Span', page.t('document_check_register'), STYLE.body);
  page.text(note, 'Link', page.data.verificationUrl, { ...STYLE.body, color: COLOR.accent }, { link: true });
  note.end();
  page.root.end();
}
