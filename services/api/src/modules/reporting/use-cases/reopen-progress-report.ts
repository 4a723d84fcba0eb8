import type { schema } from '@concord/db';
import { type Deps, putQuestion } from '../progress-report-transitions.ts';
import { parseMessage } from '../reporting-input.ts';

/** The secretariat reopens a validated report, with the reason as the question the organisation answers. */
export async function reopenProgressReport(
  options: Deps & { reportId: string; reason: string },
): Promise<schema.ProgressReport> {
  return putQuestion({ ...options, text: parseMessage(options.reason, 'reason'), from: 'validated' });
}
