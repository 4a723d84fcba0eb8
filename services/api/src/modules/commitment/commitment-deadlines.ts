import { type Database, schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobData } from '../../jobs/definitions.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadRepresentatives } from '../reporting/reporting.reads.ts';
import { utcDate } from '../reporting/reporting-dates.ts';
import { OPEN_STATUSES } from './commitment.reads.ts';
import { OBJECT_TYPE } from './commitment-changes.ts';

const { alliance, commitment, commitmentUpdate, organisation, workingGroup } = schema;
const DAY_MS = 86_400_000;

/** The note the schedule writes when a deadline passes; the portal shows its own words for it in each language. */
export const LATE_NOTE = 'The deadline passed while the commitment was still open.';

export interface DeadlineOutcome {
  emails: number;
  skipped?: 'no-commitment' | 'deadline-moved' | 'closed' | 'not-due';
}

type Found = {
  row: schema.Commitment;
  allianceName: string;
  allianceSlug: string;
  organisationName: string;
  workingGroupName: string | null;
};

async function find(db: Database, commitmentId: string, forUpdate: boolean): Promise<Found | undefined> {
  const query = db
    .select({
      row: commitment,
      allianceName: alliance.name,
      allianceSlug: alliance.slug,
      organisationName: organisation.legalName,
      workingGroupName: workingGroup.name,
    })
    .from(commitment)
    .innerJoin(alliance, eq(alliance.id, commitment.allianceId))
    .innerJoin(organisation, eq(organisation.id, commitment.taskholderOrganisationId))
    .leftJoin(workingGroup, eq(workingGroup.id, commitment.workingGroupId))
    .where(eq(commitment.id, commitmentId))
    .limit(1);
  const [found] = await (forUpdate ? query.for('update', { of: commitment }) : query);
  return found;
}

/** Its named person, else every representative of the taskholder, each in their own language. */
async function recipients(db: Database, row: schema.Commitment) {
  const representatives = await loadRepresentatives(db, [row.taskholderOrganisationId]);
  const named = representatives.filter((r) => r.personId === row.taskholderPersonId);
  return named.length > 0 ? named : representatives;
}

export const commitmentUrl = (config: Config, allianceSlug: string, id: string) =>
  `${config.publicUrl}/alliances/${encodeURIComponent(allianceSlug)}/commitments/${id}`;

async function notify(
  tx: Database,
  {
    jobs,
    config,
    found,
    kind,
    daysLeft,
  }: { jobs: JobQueue; config: Config; found: Found; kind: 'reminder' | 'late'; daysLeft: number },
): Promise<number> {
  const { row } = found;
  const people = await recipients(tx, row);
  const common = {
    organisationName: found.organisationName,
    allianceName: found.allianceName,
    workingGroupName: found.workingGroupName,
    title: row.title,
    deadline: row.deadline,
    commitmentUrl: commitmentUrl(config, found.allianceSlug, row.id),
  };
  for (const person of people) {
    const idempotencyKey = `commitment-${kind}:${row.id}:${row.deadline}:${person.personId}`;
    if (kind === 'reminder') {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey,
        template: 'commitment-reminder',
        to: person.email,
        locale: person.locale,
        data: { ...common, daysLeft },
      });
    } else {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey,
        template: 'commitment-late',
        to: person.email,
        locale: person.locale,
        data: common,
      });
    }
  }
  return people.length;
}

/**
 * The work of one `commitment-reminder` job: the taskholder hears that the deadline is near, unless the commitment
 * closed or its deadline moved since the job was made (the move made a job of its own). E-mails are effectively once
 * by their idempotency key, so a retried job sends nothing twice.
 */
export async function remindTaskholder({
  db,
  jobs,
  config,
  commitmentId,
  deadline,
  now = new Date(),
}: {
  db: Database;
  jobs: JobQueue;
  config: Config;
  now?: Date;
} & JobData['commitment-reminder']): Promise<DeadlineOutcome> {
  return db.transaction(async (tx) => {
    const found = await find(tx, commitmentId, false);
    if (!found) return { emails: 0, skipped: 'no-commitment' };
    if (found.row.deadline !== deadline) return { emails: 0, skipped: 'deadline-moved' };
    const today = utcDate(now);
    if (!(OPEN_STATUSES as readonly string[]).includes(found.row.status)) return { emails: 0, skipped: 'closed' };
    if (deadline < today) return { emails: 0, skipped: 'not-due' };
    const daysLeft = Math.round((Date.parse(deadline) - Date.parse(today)) / DAY_MS);
    const emails = await notify(tx, { jobs, config, found, kind: 'reminder', daysLeft });
    await recordAudit(tx, {
      allianceId: found.row.allianceId,
      action: 'commitment.reminded',
      objectType: OBJECT_TYPE,
      objectId: found.row.id,
      after: { deadline, daysLeft },
    });
    return { emails };
  });
}

/**
 * The work of one `commitment-deadline` job, the day after the deadline: a commitment still OPEN or IN_PROGRESS
 * becomes LATE, with the schedule's entry in its history, its audit event and the notice to the taskholder, in one
 * transaction under the commitment's lock. The conditional update makes a second run (or a race with a report of
 * DONE) change nothing.
 */
export async function markCommitmentLate({
  db,
  jobs,
  config,
  commitmentId,
  deadline,
  now = new Date(),
}: {
  db: Database;
  jobs: JobQueue;
  config: Config;
  now?: Date;
} & JobData['commitment-deadline']): Promise<DeadlineOutcome> {
  return db.transaction(async (tx) => {
    const found = await find(tx, commitmentId, true);
    if (!found) return { emails: 0, skipped: 'no-commitment' };
    const { row } = found;
    if (row.deadline !== deadline) return { emails: 0, skipped: 'deadline-moved' };
    if (row.deadline >= utcDate(now)) return { emails: 0, skipped: 'not-due' };
    const [late] = await tx
      .update(commitment)
      .set({ status: 'late', updatedAt: now })
      .where(and(eq(commitment.id, row.id), inArray(commitment.status, ['open', 'in_progress'])))
      .returning();
    if (!late) return { emails: 0, skipped: 'closed' };
    await tx.insert(commitmentUpdate).values({
      commitmentId: row.id,
      occurredAt: now,
      fromStatus: row.status,
      toStatus: 'late',
      deadline: row.deadline,
      note: LATE_NOTE,
      byRole: 'schedule',
    });
    const emails = await notify(tx, { jobs, config, found, kind: 'late', daysLeft: 0 });
    await recordAudit(tx, {
      allianceId: row.allianceId,
      action: 'commitment.late',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { status: row.status },
      after: { status: 'late', deadline },
    });
    return { emails };
  });
}
