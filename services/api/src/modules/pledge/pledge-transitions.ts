import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authorize } from '../policy/policy.ts';
import { OPEN_VERSION_STATUSES } from './pledge.reads.ts';
import { type PledgeFigures, type PledgeInput, parsePledgeInput } from './pledge-input.ts';
import { pledgeConflict } from './pledge-state.ts';

/**
 * What every pledge use case (use-cases/*.ts) shares: its dependencies, the limits on comments and reasons,
 * finding and locking the pledge a request names, and the row helpers. A transition locks the pledge row, then
 * updates conditionally (docs/adr/0007-pledge-versions.md).
 */
const { pledge, pledgeVersion, workingGroup, workingGroupMember } = schema;

export interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

export const MAX_COMMENT_LENGTH = 4000;
export const MAX_REASON_LENGTH = 2000;
/** A version that its organisation may still change: being drafted, or sent back with changes requested. */
export const EDITABLE: schema.PledgeVersionStatus[] = ['draft', 'changes_requested'];

/** The pledge a mutation names. The public learns nothing about ids; others get a clear answer. */
export async function pledgeFor(db: Database, actor: Actor | null, pledgeId: string): Promise<schema.Pledge> {
  if (!isUuid(pledgeId)) throw badInput('pledgeId', 'This is not a pledge id.');
  const [row] = await db.select().from(pledge).where(eq(pledge.id, pledgeId)).limit(1);
  if (!row) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such pledge.');
  }
  return row;
}

/**
 * Locks the pledge row for the rest of the transaction, so that transitions of one pledge run one after the
 * other (and always take their locks in the same order: no deadlocks), and reads its open version.
 */
export async function lock(tx: Database, pledgeId: string) {
  const [row] = await tx.select().from(pledge).where(eq(pledge.id, pledgeId)).for('update');
  if (!row) throw notFound('No such pledge.');
  const [open] = await tx
    .select()
    .from(pledgeVersion)
    .where(and(eq(pledgeVersion.pledgeId, pledgeId), inArray(pledgeVersion.status, [...OPEN_VERSION_STATUSES])))
    .limit(1);
  return { row, open: open ?? null };
}

/**
 * What changing a pledge's figures starts with (amending it, or changing its draft): the pledge the request
 * names, the caller's right to edit it, and the new figures checked, their working group found. Answers the
 * caller as `Actor`: an assertion function narrows only its own argument, so the narrowed actor is returned.
 */
export async function editedFigures({
  db,
  actor,
  pledgeId,
  input,
}: {
  db: Database;
  actor: Actor | null;
  pledgeId: string;
  input: PledgeInput;
}): Promise<{ actor: Actor; current: schema.Pledge; values: ReturnType<typeof rowValues> }> {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  const figures = parsePledgeInput(input, 'pledge');
  const workingGroupId = await workingGroupIdOf(db, current, figures.workingGroupSlug, 'pledge');
  return { actor, current, values: rowValues(figures, workingGroupId) };
}

/** Accepted once, the pledge row carries the figures in force; versions after that are amendments. */
export const isInForce = (row: schema.Pledge) => row.status === 'accepted';

/** Why the pledge's figures cannot be changed now; a pledge in force is amended instead. */
export function notEditable(row: schema.Pledge, open: schema.PledgeVersion | null) {
  if (row.status === 'accepted' && !open) {
    return pledgeConflict('There is no draft to change (amend the pledge to propose new figures)', row, open);
  }
  return pledgeConflict('There is no draft to change', row, open);
}

export async function updatePledgeRow(
  tx: Database,
  id: string,
  values: Partial<schema.NewPledge>,
): Promise<schema.Pledge> {
  const [updated] = await tx.update(pledge).set(values).where(eq(pledge.id, id)).returning();
  if (!updated) throw new Error('pledge not updated');
  return updated;
}

/**
 * The working group a pledge is made in: one of the alliance's open groups that the organisation belongs to,
 * since that group's chair reviews the pledge. Outside any group, the secretariat does.
 */
export async function workingGroupIdOf(
  db: Database,
  { allianceId, organisationId }: { allianceId: string; organisationId: string },
  slug: string | null,
  prefix: string,
): Promise<string | null> {
  if (slug === null) return null;
  const [group] = await db
    .select({ id: workingGroup.id, status: workingGroup.status, memberRole: workingGroupMember.role })
    .from(workingGroup)
    .leftJoin(
      workingGroupMember,
      and(
        eq(workingGroupMember.workingGroupId, workingGroup.id),
        eq(workingGroupMember.organisationId, organisationId),
      ),
    )
    .where(and(eq(workingGroup.allianceId, allianceId), eq(workingGroup.slug, slug)))
    .limit(1);
  const field = `${prefix}.workingGroupSlug`;
  if (!group) throw badInput(field, `No working group has the slug "${slug}" in this alliance.`);
  if (group.status !== 'active') throw badInput(field, 'This working group is closed; choose another or none.');
  if (group.memberRole === null) {
    throw badInput(field, 'The organisation is not a member of this working group: join it first, or choose none.');
  }
  return group.id;
}

export function rowValues(figures: PledgeFigures, workingGroupId: string | null) {
  const { workingGroupSlug: _slug, ...values } = figures;
  return { ...values, workingGroupId };
}

export function figuresOf(version: schema.PledgeVersion) {
  return {
    workingGroupId: version.workingGroupId,
    kind: version.kind,
    polymer: version.polymer,
    sector: version.sector,
    tonnesPerYear: version.tonnesPerYear,
    targetYear: version.targetYear,
    baselineTonnes: version.baselineTonnes,
    baselineYear: version.baselineYear,
    conditions: version.conditions,
  };
}

/**
 * The input was checked field by field; should a database check still refuse it (a rule changed in one place
 * only), the client gets BAD_USER_INPUT naming the field rather than an internal error.
 */
export async function withConstraintsAsInput<T>(prefix: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.checkViolation && info.constraint?.startsWith('pledge')) {
      const field = /baseline_tonnes/.test(info.constraint)
        ? 'baselineTonnes'
        : /tonnes/.test(info.constraint)
          ? 'tonnesPerYear'
          : 'targetYear';
      throw badInput(`${prefix}.${field}`, 'This value is outside what a pledge may hold.');
    }
    throw error;
  }
}
