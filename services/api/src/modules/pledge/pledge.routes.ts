import type { FastifyInstance } from 'fastify';
import { registerPdfUpload } from '../document/pdf-upload.ts';
import { attachPledgeStatement } from './use-cases/attach-pledge-statement.ts';

/** Signed pledge statements, uploaded over plain HTTP (the register's files are open data: modules/open-data). */
export async function pledgeRoutes(app: FastifyInstance): Promise<void> {
  registerPdfUpload<{ pledgeId: string }>(app, {
    url: '/pledges/:pledgeId/statement',
    noun: 'the statement',
    attach: ({ actor, params, pdf }) =>
      attachPledgeStatement({ db: app.database.db, actor, pledgeId: params.pledgeId, pdf }),
  });
}
