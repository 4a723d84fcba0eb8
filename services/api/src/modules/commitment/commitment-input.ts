import type { schema } from '@concord/db';
import { badInput } from '../../errors.ts';
import { isUuid, optionalText, requiredText } from '../../lib/validate.ts';

export interface CommitmentInput {
  title: string;
  description?: string | null | undefined;
  taskholderOrganisationId: string;
  taskholderPersonId?: string | null | undefined;
  deadline: string;
}

export interface CommitmentValues {
  title: string;
  description: string | null;
  taskholderOrganisationId: string;
  taskholderPersonId: string | null;
  deadline: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A deadline past this is not a commitment anyone can follow up (the declaration's deliverables ran a few years). */
const LATEST_YEAR = 2100;

/** `YYYY-MM-DD` of a day that exists (no 31 April). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** A calendar date as the `Date` scalar carries it, that exists, before 2100. */
export function parseDeadline(value: string, field: string): string {
  if (!isCalendarDate(value)) throw badInput(field, 'Enter a date that exists, such as 2025-12-31.');
  if (Number(value.slice(0, 4)) >= LATEST_YEAR) throw badInput(field, `Choose a deadline before ${LATEST_YEAR}.`);
  return value;
}

function parseId(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isUuid(value)) throw badInput(field, 'No such organisation or person.');
  return value.toLowerCase();
}

/**
 * Checks every field of a commitment before anything is looked up; errors name the field as `input.<field>`.
 * `today` (UTC) bounds the deadline of a new commitment or a moved one: nobody agrees to a task already late. A
 * change checks that against the commitment's current deadline once it has it (`checkDeadline`).
 */
export function parseCommitmentInput(input: CommitmentInput, { today }: { today: string | null }): CommitmentValues {
  const title = requiredText(input.title, 'input.title', { max: 300 });
  const description = optionalText(input.description, 'input.description', { max: 4000, isMultiline: true });
  const taskholderOrganisationId = parseId(input.taskholderOrganisationId, 'input.taskholderOrganisationId');
  if (!taskholderOrganisationId)
    throw badInput('input.taskholderOrganisationId', 'Choose the taskholder organisation.');
  const taskholderPersonId = parseId(input.taskholderPersonId, 'input.taskholderPersonId');
  const deadline = parseDeadline(input.deadline, 'input.deadline');
  if (today !== null) checkDeadline(deadline, { today, currentDeadline: null });
  return { title, description, taskholderOrganisationId, taskholderPersonId, deadline };
}

/** A new or moved deadline is today or later; an unchanged one may have passed (the task is late). */
export function checkDeadline(
  deadline: string,
  { today, currentDeadline }: { today: string; currentDeadline: string | null },
) {
  if (deadline < today && deadline !== currentDeadline) {
    throw badInput('input.deadline', 'Choose a deadline today or later.');
  }
}

/** A progress note: what happened, 1 to 4000 characters, several lines allowed. */
export const parseNote = (note: string, field = 'note') => requiredText(note, field, { max: 4000, isMultiline: true });

/** The statuses a person may choose: OPEN is where a commitment starts, LATE what its deadline makes it. */
export const reportableStatuses = ['in_progress', 'done', 'dropped'] as const satisfies schema.CommitmentStatus[];
export type ReportableStatus = (typeof reportableStatuses)[number];

export function parseReportedStatus(status: schema.CommitmentStatus | null | undefined): ReportableStatus | null {
  if (status === null || status === undefined) return null;
  const allowed: readonly string[] = reportableStatuses;
  if (!allowed.includes(status)) {
    throw badInput(
      'status',
      'Report IN_PROGRESS, DONE or DROPPED; a commitment becomes LATE when its deadline passes.',
    );
  }
  return status as ReportableStatus;
}
