import { type Database, schema } from '@concord/db';
import type { DigestEntry, DigestibleTemplateId, EmailJob, EmailTemplateData } from '@concord/notifications';
import type { Config } from '../../config.ts';
import { isToErasedAddress, type JobQueue } from '../../jobs/queue.ts';
import { type EmailKind, optOutLink } from './email-preferences.service.ts';

const { emailDigestItem } = schema;

/** Who an optional e-mail goes to, with the frequency they chose for its kind. */
export interface OptionalRecipient {
  personId: string;
  email: string;
  locale: string;
  frequency: schema.EmailFrequency;
}

/** The kind of each optional e-mail, whose frequency the person chose (docs/adr/0036-email-digests.md). */
export const kindOfTemplate = {
  'signature-to-review': 'activity',
  'pledge-submitted': 'activity',
  announcement: 'announcement',
} as const satisfies Record<DigestibleTemplateId, EmailKind>;

/** The opt-out topic of the e-mail sent at once (docs/adr/0009): the review links never named another. */
const topicOfKind = { activity: 'review', announcement: 'announcement' } as const;

/**
 * An optional e-mail, in the transaction of the change it tells about, as its recipient chose: nothing (OFF); the
 * e-mail now, with its own opt-out link (IMMEDIATELY); or an item kept for their next daily or weekly digest. The
 * item carries the e-mail's idempotency key, so a retried cause keeps it once.
 */
export async function sendOptionalEmail<T extends DigestibleTemplateId>(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  {
    recipient,
    template,
    idempotencyKey,
    data,
  }: {
    recipient: OptionalRecipient;
    template: T;
    idempotencyKey: string;
    data: Omit<EmailTemplateData[T], 'unsubscribeUrl'>;
  },
): Promise<void> {
  const kind = kindOfTemplate[template];
  if (recipient.frequency === 'off' || isToErasedAddress('send-email', { to: recipient.email })) return;
  if (recipient.frequency === 'immediately') {
    const unsubscribeUrl = await optOutLink(tx, config, recipient.personId, topicOfKind[kind]);
    await jobs.enqueue(tx, 'send-email', {
      idempotencyKey,
      template,
      to: recipient.email,
      locale: recipient.locale,
      data: { ...data, unsubscribeUrl } as EmailTemplateData[T],
    } as EmailJob);
    return;
  }
  const entry = { template, data } as DigestEntry;
  await tx
    .insert(emailDigestItem)
    .values({
      personId: recipient.personId,
      topic: kind,
      frequency: recipient.frequency,
      template: entry.template,
      data: entry.data as unknown as Record<string, unknown>,
      idempotencyKey,
    })
    .onConflictDoNothing({ target: emailDigestItem.idempotencyKey });
}
