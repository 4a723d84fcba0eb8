/**
 * @concord/documents: the PDFs the alliance issues, as pure functions from data to a PDF (PDF/A-3a, tagged,
 * DejaVu Sans embedded). Storing them and registering their SHA-256 is the caller's business.
 */
export type {
  AuditLogHeadData,
  CertificateData,
  DeclarationData,
  DeclarationSignatory,
  ProgressBreakdown,
  ProgressBreakdownDimension,
  ProgressBreakdownRow,
  ProgressPolymerGapFigures,
  ProgressReportData,
  ProgressTrajectoryFigures,
  ProgressYearFigures,
  RunSheetCommitment,
  RunSheetData,
  RunSheetItem,
  RunSheetMethod,
  Tonnes,
} from './document-data.ts';
export { countryName, formatMass, formatShare, formatTonnes } from './formats.ts';
export { documentLocaleFor, documentLocales } from './locales/index.ts';
export { renderCertificate } from './render-certificate.ts';
export { declarationDocumentTitle, renderDeclaration } from './render-declaration.ts';
export {
  progressLabels,
  progressReportTitle,
  renderProgressReport,
  trajectoryInWords,
} from './render-progress-report.ts';
export { methodInstructions, methodName, renderRunSheet, runSheetTitle } from './render-run-sheet.ts';
