import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict, notFound } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { type PledgeInput, parsePledgeInput } from '../pledge-input.ts';
import { type Deps, rowValues, withConstraintsAsInput, workingGroupIdOf } from '../pledge-transitions.ts';

const { alliance, pledge, pledgeVersion, signature } = schema;

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
  const workingGroupId = await workingGroupIdOf(
    db,
    { allianceId: target.id, organisationId: input.organisationId },
    figures.workingGroupSlug,
    'input.pledge',
  );
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
