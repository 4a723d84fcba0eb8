import { databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { DomainError } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authorize } from '../../policy/policy.ts';
import { appointToSecretariat, type Deps, type MailDeps, settingsOf } from '../alliance-changes.ts';
import {
  allianceName,
  alliancePurpose,
  allianceSlug,
  contactEmail,
  parseLanguages,
  parseSecretariatEmails,
  parseSigningWindow,
  parseTarget,
  type SigningWindowInput,
  type TargetInput,
} from '../alliance-input.ts';

export interface CreateAllianceInput {
  name: string;
  slug: string;
  purpose: string;
  contactEmail: string;
  target: TargetInput;
  signingWindow?: SigningWindowInput | null | undefined;
  languages: readonly string[];
  secretariatEmails: readonly string[];
}

/**
 * A platform administrator sets up an alliance: its settings, its target (in force from today), and its first
 * secretariat members, in one transaction with an audit event for each. A slug taken meanwhile (two
 * administrators at once) is the database's unique constraint: CONFLICT on `input.slug`, nothing written.
 */
export async function createAlliance({
  db,
  jobs,
  config,
  actor,
  input,
  now = new Date(),
}: Deps & MailDeps & { input: CreateAllianceInput }): Promise<schema.Alliance> {
  authorize(actor, { action: 'alliance.create' });
  const values = {
    name: allianceName(input.name, 'input.name'),
    slug: allianceSlug(input.slug, 'input.slug'),
    purpose: alliancePurpose(input.purpose, 'input.purpose'),
    contactEmail: contactEmail(input.contactEmail, 'input.contactEmail'),
    ...parseTarget(input.target, 'input.target'),
    targetAppliesFrom: now.toISOString().slice(0, 10),
    ...parseSigningWindow(input.signingWindow, 'input.signingWindow'),
    languages: parseLanguages(input.languages, 'input.languages'),
  };
  const secretariat = parseSecretariatEmails(input.secretariatEmails, 'input.secretariatEmails');
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(schema.alliance)
        .values({ ...values, createdAt: now, updatedAt: now })
        .returning();
      if (!created) throw new Error('alliance not created');
      await recordAudit(tx, {
        allianceId: created.id,
        actorPersonId: actor.personId,
        action: 'alliance.created',
        objectType: 'alliance',
        objectId: created.id,
        after: settingsOf(created),
      });
      for (const email of secretariat) {
        await appointToSecretariat(tx, { alliance: created, email, actorPersonId: actor.personId, now, jobs, config });
      }
      return created;
    });
  } catch (error) {
    const info = databaseErrorOf(error);
    if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'alliance_slug_unique') {
      throw new DomainError(
        'CONFLICT',
        `An alliance already has the slug "${values.slug}"; choose another.`,
        'input.slug',
      );
    }
    throw error;
  }
}
