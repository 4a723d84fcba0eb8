import { type Database, schema, selectRows } from '@concord/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { getAllianceBySlug } from '../../alliance/alliance.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { type Actor, authenticate, authorize } from '../../policy/policy.ts';
import { peopleToInvite } from '../register-invitations.ts';

const { organisation, organisationMember, person, registerImportKey } = schema;

/**
 * The secretariat invites the people its register imports brought in (imports e-mail nobody): each representative
 * of an imported organisation who has never signed in gets one e-mail, in their language, naming the organisations
 * they represent in the register and how to sign in. Once per person and alliance: the invitations are written with
 * ON CONFLICT DO NOTHING on (alliance, person) and only the rows this call wrote are e-mailed, in the same
 * transaction (the queue is the outbox), so a second call, or two at once, e-mails nobody twice. One audit event
 * with the number invited, no names.
 */
export async function inviteImportedPeople({
  db,
  actor,
  jobs,
  config,
  allianceSlug,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  jobs: JobQueue;
  config: Config;
  allianceSlug: string;
  now?: Date;
}): Promise<{ invited: number }> {
  authenticate(actor);
  const alliance = await getAllianceBySlug(db, allianceSlug);
  authorize(actor, { action: 'register.import', allianceId: alliance.id });
  return db.transaction(async (tx) => {
    const invited = await selectRows<{ person_id: string }>(
      tx,
      sql`insert into register_invitation (alliance_id, person_id, invited_by_person_id, invited_at)
        select ${alliance.id}, person_id, ${actor.personId}, ${now.toISOString()}::timestamptz
        from (${peopleToInvite(alliance.id)}) p
        on conflict do nothing
        returning person_id`,
    );
    if (invited.length === 0) return { invited: 0 };
    const ids = invited.map((r) => r.person_id);
    const people = await tx
      .select({ id: person.id, email: person.email, locale: person.locale })
      .from(person)
      .where(inArray(person.id, ids));
    const represented = await tx
      .selectDistinct({ personId: organisationMember.personId, name: organisation.legalName })
      .from(registerImportKey)
      .innerJoin(organisationMember, eq(organisationMember.organisationId, registerImportKey.objectId))
      .innerJoin(organisation, eq(organisation.id, registerImportKey.objectId))
      .where(
        and(
          eq(registerImportKey.allianceId, alliance.id),
          eq(registerImportKey.sheet, 'organisations'),
          inArray(organisationMember.personId, ids),
        ),
      )
      .orderBy(organisation.legalName);
    const allianceUrl = `${config.publicUrl}/alliances/${encodeURIComponent(alliance.slug)}`;
    for (const invitee of people) {
      await jobs.enqueue(tx, 'send-email', {
        idempotencyKey: `register-invitation:${alliance.id}:${invitee.id}`,
        template: 'register-invitation',
        to: invitee.email,
        locale: invitee.locale,
        data: {
          allianceName: alliance.name,
          organisationNames: represented.filter((r) => r.personId === invitee.id).map((r) => r.name),
          allianceUrl,
          signInUrl: `${config.publicUrl}/login?next=${encodeURIComponent('/account')}`,
        },
      });
    }
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorPersonId: actor.personId,
      action: 'register_import.people_invited',
      objectType: 'alliance',
      objectId: alliance.id,
      after: { invited: invited.length },
    });
    return { invited: invited.length };
  });
}
