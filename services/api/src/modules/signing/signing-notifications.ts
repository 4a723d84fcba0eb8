import { type Database, schema } from '@concord/db';
import { and, eq, ne } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { sendOptionalEmail } from '../mail/optional-email.ts';

/** The e-mail the signing use cases send, enqueued in the transaction of the change they tell about. */
const { alliance, allianceStaff, organisation, person } = schema;

/** A signature was confirmed: each secretariat member of its alliance who takes activity e-mail is told (or
 * finds it in their digest). */
export async function notifySecretariatToReview(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  confirmed: schema.Signature,
): Promise<void> {
  const [names] = await tx
    .select({ organisationName: organisation.legalName, allianceName: alliance.name, slug: alliance.slug })
    .from(organisation)
    .innerJoin(alliance, eq(alliance.id, confirmed.allianceId))
    .where(eq(organisation.id, confirmed.organisationId));
  const staff = await tx
    .select({
      personId: person.id,
      email: person.email,
      locale: person.locale,
      frequency: person.activityEmailFrequency,
    })
    .from(allianceStaff)
    .innerJoin(person, eq(person.id, allianceStaff.personId))
    .where(
      and(
        eq(allianceStaff.allianceId, confirmed.allianceId),
        eq(allianceStaff.role, 'secretariat'),
        ne(person.activityEmailFrequency, 'off'),
      ),
    );
  for (const member of staff) {
    await sendOptionalEmail(tx, jobs, config, {
      recipient: member,
      template: 'signature-to-review',
      idempotencyKey: `signature-to-review:${confirmed.id}:${member.personId}`,
      data: {
        organisationName: names?.organisationName ?? '',
        allianceName: names?.allianceName ?? '',
        reviewUrl: `${config.publicUrl}/alliances/${names?.slug}/review`,
      },
    });
  }
}

/** Tells the signer their signature was rejected or withdrawn. */
export async function notifySigner(
  tx: Database,
  jobs: JobQueue,
  row: schema.Signature,
  template: 'signature-rejected' | 'signature-withdrawn',
  extra: { reason: string | null },
) {
  if (!row.signerPersonId) return;
  const [facts] = await tx
    .select({
      email: person.email,
      locale: person.locale,
      organisationName: organisation.legalName,
      allianceName: alliance.name,
    })
    .from(person)
    .innerJoin(organisation, eq(organisation.id, row.organisationId))
    .innerJoin(alliance, eq(alliance.id, row.allianceId))
    .where(eq(person.id, row.signerPersonId));
  if (!facts) return;
  const base = { organisationName: facts.organisationName, allianceName: facts.allianceName };
  if (template === 'signature-rejected') {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `${template}:${row.id}`,
      template,
      to: facts.email,
      locale: facts.locale,
      data: { ...base, reason: extra.reason ?? '' },
    });
  } else {
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey: `${template}:${row.id}`,
      template,
      to: facts.email,
      locale: facts.locale,
      data: { ...base, reason: extra.reason },
    });
  }
}
