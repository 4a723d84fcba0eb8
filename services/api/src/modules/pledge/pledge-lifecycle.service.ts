import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import type { PledgeDecision } from '@concord/notifications';
import { and, eq, inArray, max, ne } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { badInput, conflict, DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, authorize, can } from '../policy/policy.ts';
import { type PledgeFigures, type PledgeInput, parsePledgeInput, requiredText, text } from './pledge-input.ts';
import { chairOrganisationsOf, isOpen, loadVersions, OPEN_VERSION_STATUSES } from './pledge-lifecycle.reads.ts';
import { notifyDecision, notifyReviewers, notifyWithdrawal } from './pledge-notifications.ts';
import { pledgeConflict } from './pledge-state.ts';

const { alliance, pledge, pledgeVersion, signature, workingGroup } = schema;

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

export interface DraftPledgeInput {
  allianceSlug: string;
  organisationId: string;
  pledge: PledgeInput;
}

/**
 * A representative drafts a pledge: the pledge row (status draft, carrying the draft's figures until a version
 * is accepted) and its version 1, private to the organisation. Only an organisation with an active signature of
 * the alliance's declaration may pledge.
 */
export async function draftPledge({ db, actor, input, now = new Date() }: Deps & { input: DraftPledgeInput }) {
  authorize(actor, { action: 'pledge.edit', organisationId: input.organisationId });
  const figures = parsePledgeInput(input.pledge, 'input.pledge');
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, input.allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${input.allianceSlug}".`);
  const [active] = await db
    .select({ id: signature.id })
    .from(signature)
    .where(
      and(
        eq(signature.allianceId, target.id),
        eq(signature.organisationId, input.organisationId),
        eq(signature.status, 'active'),
      ),
    )
    .limit(1);
  if (!active) {
    throw conflict(
      `Only signatories pledge: the organisation has no active signature of the ${target.name} declaration. ` +
        'Sign it (and wait for the secretariat to verify the signature) first.',
    );
  }
  const workingGroupId = await workingGroupIdOf(db, target.id, figures.workingGroupSlug, 'input.pledge');
  const values = rowValues(figures, workingGroupId);
  return withConstraintsAsInput('input.pledge', () =>
    db.transaction(async (tx) => {
      // The signature, locked: a withdrawal at the same moment waits, then lapses this pledge too.
      const [stillActive] = await tx
        .select({ id: signature.id })
        .from(signature)
        .where(and(eq(signature.id, active.id), eq(signature.status, 'active')))
        .for('share');
      if (!stillActive)
        throw conflict('The organisation’s signature has just been withdrawn: only signatories pledge.');
      const [created] = await tx
        .insert(pledge)
        .values({
          ...values,
          allianceId: target.id,
          organisationId: input.organisationId,
          status: 'draft',
          currentVersion: 1,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!created) throw new Error('pledge not created');
      await tx.insert(pledgeVersion).values({
        ...values,
        pledgeId: created.id,
        version: 1,
        status: 'draft',
        createdByPersonId: actor.personId,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, {
        allianceId: target.id,
        actorPersonId: actor.personId,
        actorOrganisationId: created.organisationId,
        action: 'pledge.drafted',
        objectType: 'pledge',
        objectId: created.id,
        after: { status: 'draft', version: 1, versionStatus: 'draft' },
      });
      return created;
    }),
  );
}

/** Replaces the figures of the open version; a version sent back with changes requested returns to draft. */
export async function updatePledgeDraft({
  db,
  actor,
  pledgeId,
  input,
  now = new Date(),
}: Deps & { pledgeId: string; input: PledgeInput }) {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  const figures = parsePledgeInput(input, 'pledge');
  const workingGroupId = await workingGroupIdOf(db, current.allianceId, figures.workingGroupSlug, 'pledge');
  const values = rowValues(figures, workingGroupId);
  return withConstraintsAsInput('pledge', () =>
    db.transaction(async (tx) => {
      const { row, open } = await lock(tx, current.id);
      if (!open || !EDITABLE.includes(open.status)) throw notEditable(row, open);
      const [updated] = await tx
        .update(pledgeVersion)
        .set({ ...values, status: 'draft', updatedAt: now })
        .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, EDITABLE)))
        .returning();
      if (!updated) throw notEditable(row, open);
      // Before its first acceptance the pledge row shows the version being drafted.
      const next = isInForce(row)
        ? row
        : await updatePledgeRow(tx, row.id, { ...values, status: 'draft', updatedAt: now });
      await recordAudit(tx, {
        allianceId: row.allianceId,
        actorPersonId: actor.personId,
        actorOrganisationId: row.organisationId,
        action: 'pledge.updated',
        objectType: 'pledge',
        objectId: row.id,
        before: { status: row.status, version: open.version, versionStatus: open.status },
        after: { status: next.status, version: updated.version, versionStatus: updated.status },
      });
      return next;
    }),
  );
}

/**
 * Sends the open version for review and tells the reviewers. The conditional update (and the lock on the pledge
 * row) make a second submission of the same version a CONFLICT, never a second version.
 */
export async function submitPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  now = new Date(),
}: Deps & { pledgeId: string }) {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    if (!open || !EDITABLE.includes(open.status)) throw pledgeConflict('There is nothing to submit', row, open);
    const [submitted] = await tx
      .update(pledgeVersion)
      .set({ status: 'submitted', submittedAt: now, decidedAt: null, decidedByPersonId: null, updatedAt: now })
      .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, EDITABLE)))
      .returning();
    if (!submitted) throw pledgeConflict('There is nothing to submit', row, open);
    const isAmendment = isInForce(row);
    const next = isAmendment
      ? row
      : await updatePledgeRow(tx, row.id, { status: 'submitted', submittedAt: now, decidedAt: null, updatedAt: now });
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: row.organisationId,
      action: 'pledge.submitted',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: open.version, versionStatus: open.status },
      after: { status: next.status, version: submitted.version, versionStatus: 'submitted' },
    });
    await notifyReviewers(tx, jobs, config, { row, version: submitted, isAmendment, now });
    return next;
  });
}

export type ReviewDecision = 'accept' | 'request_changes' | 'reject';

const DECIDED: Record<ReviewDecision, PledgeDecision> = {
  accept: 'accepted',
  request_changes: 'changes_requested',
  reject: 'rejected',
};

/**
 * A chair of the pledge's working group (never for their own organisation) or the secretariat decides on the
 * submitted version. Accepting puts its figures in force: they replace those of the pledge row, and the version
 * accepted before is superseded. Changes requested or a rejection of an amendment leave the pledge in force as
 * it was. The conditional update on `submitted` makes two reviewers deciding at once end in one decision.
 */
export async function reviewPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  decision,
  comment,
  now = new Date(),
}: Deps & { pledgeId: string; decision: ReviewDecision; comment?: string | null | undefined }) {
  const current = await pledgeFor(db, actor, pledgeId);
  const [versions = []] = await loadVersions(db, [current.id]);
  const open = versions.find(isOpen);
  // The chairs of the group named by the version under review decide on it.
  const groupId = open ? open.workingGroupId : current.workingGroupId;
  const chairOrganisationIds = (await chairOrganisationsOf(db, [groupId])).get(groupId ?? '') ?? [];
  authorize(actor, {
    action: 'pledge.review',
    allianceId: current.allianceId,
    organisationId: current.organisationId,
    chairOrganisationIds,
  });
  if (open?.status !== 'submitted') throw pledgeConflict('There is no version to decide on', current, open ?? null);
  const why =
    decision === 'accept'
      ? text(comment, 'comment', MAX_COMMENT_LENGTH)
      : requiredText(comment, 'comment', MAX_COMMENT_LENGTH);
  const status = DECIDED[decision];
  const bySecretariat = can(actor, {
    action: 'pledge.review',
    allianceId: current.allianceId,
    organisationId: current.organisationId,
    chairOrganisationIds: [],
  });
  return db.transaction(async (tx) => {
    const { row, open: openNow } = await lock(tx, current.id);
    // Someone decided, withdrew or the pledge lapsed since it was read: say what it is now.
    if (openNow?.id !== open.id || openNow.status !== 'submitted') {
      throw pledgeConflict('There is no version to decide on', row, openNow);
    }
    const [decided] = await tx
      .update(pledgeVersion)
      .set({ status, decidedAt: now, decidedByPersonId: actor.personId, reviewComment: why, updatedAt: now })
      .where(and(eq(pledgeVersion.id, open.id), eq(pledgeVersion.status, 'submitted')))
      .returning();
    if (!decided) throw pledgeConflict('There is no version to decide on', row, openNow);
    const isAmendment = isInForce(row);
    let next = row;
    if (status === 'accepted') {
      await tx
        .update(pledgeVersion)
        .set({ status: 'superseded', updatedAt: now })
        .where(
          and(
            eq(pledgeVersion.pledgeId, row.id),
            eq(pledgeVersion.status, 'accepted'),
            ne(pledgeVersion.id, decided.id),
          ),
        );
      next = await updatePledgeRow(tx, row.id, {
        ...figuresOf(decided),
        status: 'accepted',
        currentVersion: decided.version,
        submittedAt: decided.submittedAt,
        decidedAt: now,
        updatedAt: now,
      });
    } else if (!isAmendment) {
      next = await updatePledgeRow(tx, row.id, { status, decidedAt: now, updatedAt: now });
    }
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      // A chair acts for their organisation; the secretariat for nobody's.
      actorOrganisationId: bySecretariat
        ? null
        : (chairOrganisationIds.find((id) => actor.organisationIds.has(id)) ?? null),
      action: `pledge.${status}`,
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: decided.version, versionStatus: 'submitted' },
      after: { status: next.status, version: decided.version, versionStatus: status, comment: why },
    });
    await notifyDecision(tx, jobs, config, { row, version: decided, comment: why, isAmendment, now });
    return next;
  });
}

/**
 * Starts an amendment of an accepted pledge: a new draft version with the new figures. The accepted figures
 * stay in force (register and totals unchanged) until the amendment is accepted. A second open version is
 * refused by the partial unique index `pledge_version_one_open`.
 */
export async function amendPledge({
  db,
  actor,
  pledgeId,
  input,
  now = new Date(),
}: Deps & { pledgeId: string; input: PledgeInput }) {
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  const figures = parsePledgeInput(input, 'pledge');
  const workingGroupId = await workingGroupIdOf(db, current.allianceId, figures.workingGroupSlug, 'pledge');
  try {
    return await withConstraintsAsInput('pledge', () =>
      db.transaction(async (tx) => {
        const { row, open } = await lock(tx, current.id);
        if (row.status !== 'accepted') throw pledgeConflict('Only a pledge in force can be amended', row, open);
        if (open) throw pledgeConflict('This pledge already has an amendment under way; change that one', row, open);
        const [last] = await tx
          .select({ n: max(pledgeVersion.version) })
          .from(pledgeVersion)
          .where(eq(pledgeVersion.pledgeId, row.id));
        const version = (last?.n ?? 0) + 1;
        await tx.insert(pledgeVersion).values({
          ...rowValues(figures, workingGroupId),
          pledgeId: row.id,
          version,
          status: 'draft',
          createdByPersonId: actor.personId,
          createdAt: now,
          updatedAt: now,
        });
        const [touched] = await tx.update(pledge).set({ updatedAt: now }).where(eq(pledge.id, row.id)).returning();
        await recordAudit(tx, {
          allianceId: row.allianceId,
          actorPersonId: actor.personId,
          actorOrganisationId: row.organisationId,
          action: 'pledge.amended',
          objectType: 'pledge',
          objectId: row.id,
          before: { status: row.status, version: row.currentVersion, versionStatus: 'accepted' },
          after: { status: row.status, version, versionStatus: 'draft' },
        });
        return touched ?? row;
      }),
    );
  } catch (error) {
    const info = databaseErrorOf(error);
    if (
      info?.code === SQLSTATE.uniqueViolation &&
      (info.constraint === 'pledge_version_one_open' || info.constraint === 'pledge_version_number_unique')
    ) {
      throw conflict('This pledge already has an amendment being drafted or reviewed; change that one instead.');
    }
    throw error;
  }
}

/**
 * The organisation withdraws its pledge: it leaves every total (they count accepted pledges only) and its open
 * version, if any, is withdrawn with it. The accepted versions stay as they were decided: the history is kept.
 */
export async function withdrawPledge({
  db,
  jobs,
  config,
  actor,
  pledgeId,
  reason,
  now = new Date(),
}: Deps & { pledgeId: string; reason: string }) {
  const why = requiredText(reason, 'reason', MAX_REASON_LENGTH);
  const current = await pledgeFor(db, actor, pledgeId);
  authorize(actor, { action: 'pledge.edit', organisationId: current.organisationId });
  return db.transaction(async (tx) => {
    const { row, open } = await lock(tx, current.id);
    const [withdrawn] = await tx
      .update(pledge)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawalReason: why, updatedAt: now })
      .where(
        and(eq(pledge.id, row.id), inArray(pledge.status, ['draft', 'submitted', 'changes_requested', 'accepted'])),
      )
      .returning();
    if (!withdrawn) throw pledgeConflict('There is nothing to withdraw', row, open);
    if (open) {
      await tx
        .update(pledgeVersion)
        .set({ status: 'withdrawn', updatedAt: now })
        .where(and(eq(pledgeVersion.id, open.id), inArray(pledgeVersion.status, [...OPEN_VERSION_STATUSES])));
    }
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: actor.personId,
      actorOrganisationId: row.organisationId,
      action: 'pledge.withdrawn',
      objectType: 'pledge',
      objectId: row.id,
      before: { status: row.status, version: row.currentVersion, ...(open ? { openVersion: open.version } : {}) },
      after: { status: 'withdrawn', version: row.currentVersion, reason: why },
    });
    await notifyWithdrawal(tx, jobs, config, { row, reason: why });
    return withdrawn;
  });
}

// ---------------------------------------------------------------------------------------------------------------

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

/** Accepted once, the pledge row carries the figures in force; versions after that are amendments. */
const isInForce = (row: schema.Pledge) => row.status === 'accepted';

/** Why the pledge's figures cannot be changed now; a pledge in force is amended instead. */
export function notEditable(row: schema.Pledge, open: schema.PledgeVersion | null) {
  if (row.status === 'accepted' && !open) {
    return pledgeConflict('There is no draft to change (amend the pledge to propose new figures)', row, open);
  }
  return pledgeConflict('There is no draft to change', row, open);
}

async function updatePledgeRow(tx: Database, id: string, values: Partial<schema.NewPledge>): Promise<schema.Pledge> {
  const [updated] = await tx.update(pledge).set(values).where(eq(pledge.id, id)).returning();
  if (!updated) throw new Error('pledge not updated');
  return updated;
}

async function workingGroupIdOf(
  db: Database,
  allianceId: string,
  slug: string | null,
  prefix: string,
): Promise<string | null> {
  if (slug === null) return null;
  const [group] = await db
    .select({ id: workingGroup.id, status: workingGroup.status })
    .from(workingGroup)
    .where(and(eq(workingGroup.allianceId, allianceId), eq(workingGroup.slug, slug)))
    .limit(1);
  if (!group) throw badInput(`${prefix}.workingGroupSlug`, `No working group has the slug "${slug}" in this alliance.`);
  if (group.status !== 'active') {
    throw badInput(`${prefix}.workingGroupSlug`, 'This working group is closed; choose another or none.');
  }
  return group.id;
}

function rowValues(figures: PledgeFigures, workingGroupId: string | null) {
  const { workingGroupSlug: _slug, ...values } = figures;
  return { ...values, workingGroupId };
}

function figuresOf(version: schema.PledgeVersion) {
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
async function withConstraintsAsInput<T>(prefix: string, run: () => Promise<T>): Promise<T> {
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
