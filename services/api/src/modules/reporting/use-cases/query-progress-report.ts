import type { schema } from '@concord/db';
import { type Deps, putQuestion } from '../progress-report-transitions.ts';
import { parseMessage } from '../reporting-input.ts';

/** The secretariat asks the organisation about a submitted report; its representatives get the question. */
export async function queryProgressReport(
  options: Deps & { reportId: string; question: string },
): Promise<schema.ProgressReport> {
  return putQuestion({ ...options, text: parseMessage(options.question, 'question'), from: 'submitted' });
}
