import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authorize } from '../policy/policy.ts';
import { chairHoldersOf } from '../working-group/chairs.ts';

/**
 * What the meeting use cases (use-cases/*.ts) share: their dependencies, finding and locking the meeting a request
 * names, who may manage it, and what the audit log keeps of it.
 */
const { meeting } = schema;

export interface Deps {
  db: Database;
  actor: Actor | null;
  now?: Date;
}

/** What a change that invites (scheduling, changing, cancelling) needs besides. */
export interface InvitingDeps extends Deps {
  jobs: JobQueue;
  config: Config;
}

export const OBJECT_TYPE = 'meeting';

/** What the audit log keeps of a meeting: every field its hosts set (no personal data). */
export const auditedFields = (row: schema.Meeting) => ({
  workingGroupId: row.workingGroupId,
  title: row.title,
  purpose: row.purpose,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  timeZone: row.timeZone,
  place: row.place,
  onlineUrl: row.onlineUrl,
  capacity: row.capacity,
  audience: row.audience,
  status: row.status,
  cancellationReason: row.cancellationReason,
  sequence: row.sequence,
});

export async function findMeeting(db: Database, id: string): Promise<schema.Meeting | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(meeting).where(eq(meeting.id, id)).limit(1);
  return row;
}

/** The meeting, or NOT_FOUND; the public is asked to sign in before learning anything. */
export async function existingMeeting(db: Database, actor: Actor | null, id: string): Promise<schema.Meeting> {
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  const row = await findMeeting(db, id);
  if (!row) throw notFound('No such meeting.');
  return row;
}

/** Refuses anyone but the group's chairs and the secretariat (the secretariat alone for a plenary). */
export async function authorizeManage(db: Database, actor: Actor | null, row: schema.Meeting): Promise<Actor> {
  const chairs = await chairHoldersOf(db, row.workingGroupId);
  authorize(actor, { action: 'meeting.manage', allianceId: row.allianceId, chairs });
  return actor;
}

/** Locks the meeting's row for the rest of the transaction: changes, registrations and cancellation queue on it. */
export async function lockMeeting(tx: Database, id: string): Promise<schema.Meeting> {
  const [row] = await tx.select().from(meeting).where(eq(meeting.id, id)).for('update');
  if (!row) throw notFound('No such meeting.');
  return row;
}

/** A cancelled meeting takes no more changes. */
export function mustBeScheduled(row: schema.Meeting): void {
  if (row.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'This meeting was cancelled: it takes no more changes.');
  }
}
