import type { FastifyInstance } from 'fastify';
import { registerPdfUpload } from '../document/pdf-upload.ts';
import { attachReportEvidence } from './report-evidence.service.ts';

/** Reporting over plain HTTP: the evidence file behind a progress report. */
export async function reportingRoutes(app: FastifyInstance): Promise<void> {
  registerPdfUpload<{ reportId: string }>(app, {
    url: '/progress-reports/:reportId/evidence',
    noun: 'the evidence',
    attach: ({ actor, params, pdf }) =>
      attachReportEvidence({ db: app.database.db, actor, reportId: params.reportId, pdf }),
  });
}
