import { type Database, schema } from '@concord/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isNotResigned } from './not-resigned.ts';

const { organisation, organisationMember, person, signature } = schema;

/**
 * A new version is in force: each representative of a signatory whose active signature is of an older version
 * (not-resigned.ts) is invited to re-sign it, in their language, by one e-mail naming the organisations concerned and
 * linking to their account page, where the one-step re-signing form is. Enqueued in the publishing transaction (the
 * queue is the outbox); the idempotency key makes it once per person and version. Returns how many were invited.
 */
export async function inviteToResign(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  { alliance, published }: { alliance: schema.Alliance; published: schema.DeclarationVersion },
): Promise<number> {
  const rows = await tx
    .selectDistinct({
      personId: person.id,
      email: person.email,
      locale: person.locale,
      organisationName: organisation.legalName,
    })
    .from(signature)
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, signature.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId))
    .where(and(eq(signature.allianceId, alliance.id), isNotResigned(alliance.id), isNull(person.erasedAt)))
    .orderBy(asc(person.id), asc(organisation.legalName));
  const people = new Map<string, { email: string; locale: string; organisationNames: string[] }>();
  for (const row of rows) {
    const entry = people.get(row.personId) ?? { email: row.email, locale: row.locale, organisationNames: [] };
    entry.organisationNames.push(row.organisationName);
    people.set(row.personId, entry);
  }
  const resignUrl = `${config.publicUrl}/account`;
  for (const [personId, invitee] of people) {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `resign-invitation:${published.id}:${personId}`,
      template: 'resign-invitation',
      to: invitee.email,
      locale: invitee.locale,
      data: {
        allianceName: alliance.name,
        version: published.version,
        title: published.title,
        organisationNames: invitee.organisationNames,
        resignUrl,
        declarationUrl: `${config.publicUrl}/alliances/${encodeURIComponent(alliance.slug)}/declaration`,
      },
    });
  }
  return people.size;
}
