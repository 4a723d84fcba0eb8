import { schema } from '@concord/db';
import { and, eq } from 'drizzle-orm';
import { conflict, DomainError } from '../../../errors.ts';
import { emailAddress, isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { authenticate } from '../../policy/policy.ts';
import {
  allianceForChange,
  appointToSecretariat,
  countSecretariat,
  type Deps,
  type MailDeps,
} from '../alliance-changes.ts';

const { allianceStaff } = schema;

/** The secretariat appoints a person to it by address (created if new). Already a member: nothing changes. */
export async function appointSecretariatMember({
  db,
  jobs,
  config,
  actor,
  slug,
  email: given,
  now = new Date(),
}: Deps & MailDeps & { slug: string; email: string }): Promise<schema.Alliance> {
  authenticate(actor);
  const email = emailAddress(given, 'email');
  return db.transaction(async (tx) => {
    const row = await allianceForChange(tx, actor, slug, 'alliance.manageSecretariat');
    await appointToSecretariat(tx, { alliance: row, email, actorPersonId: actor.personId, now, jobs, config });
    return row;
  });
}

/**
 * The secretariat removes one of its members (themselves included), never the last: an alliance without a
 * secretariat has nobody to run it but the platform administrators. The alliance is locked first, so two
 * removals at once cannot both pass the count.
 */
export async function removeSecretariatMember({
  db,
  actor,
  slug,
  personId,
}: Deps & { slug: string; personId: string }): Promise<schema.Alliance> {
  authenticate(actor);
  return db.transaction(async (tx) => {
    const row = await allianceForChange(tx, actor, slug, 'alliance.manageSecretariat');
    const member = and(
      eq(allianceStaff.allianceId, row.id),
      eq(allianceStaff.personId, isUuid(personId) ? personId : '00000000-0000-0000-0000-000000000000'),
      eq(allianceStaff.role, 'secretariat'),
    );
    const [found] = await tx.select().from(allianceStaff).where(member);
    if (!found) throw new DomainError('NOT_FOUND', 'This person is not a member of the secretariat.', 'personId');
    if ((await countSecretariat(tx, row.id)) <= 1) {
      throw conflict('This is the last member of the secretariat; appoint another before removing them.');
    }
    await tx.delete(allianceStaff).where(member);
    await recordAudit(tx, {
      allianceId: row.id,
      actorPersonId: actor.personId,
      action: 'alliance.secretariat_member_removed',
      objectType: 'alliance',
      objectId: row.id,
      before: { personId: found.personId },
    });
    return row;
  });
}
