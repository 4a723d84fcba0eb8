import { type Database, schema } from '@concord/db';
import type { Config } from '../../../config.ts';
import { badInput } from '../../../errors.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { sendOptionalEmail } from '../../mail/optional-email.ts';
import type { Actor } from '../../policy/policy.ts';
import { type AnnouncementView, findAnnouncementByKey } from '../announcement.reads.ts';
import { allianceToAnnounceIn, announcementUrl, segmentViewOf } from '../announcement-changes.ts';
import { type AnnouncementInput, parseAnnouncementInput } from '../announcement-input.ts';
import { recipientsOf, resolveSegment } from '../announcement-segment.ts';

const { announcement, announcementRecipient } = schema;

/**
 * The secretariat sends an announcement. One transaction holds the row, its recipients (each person once: the
 * primary key), one e-mail job per recipient in their language with its own opt-out link (or an item of their digest:
 * sendOptionalEmail), and the audit event (the
 * outbox: all of it or none). Each e-mail's idempotency key is the announcement and the person, so a job run twice
 * sends once. The form's `requestKey` is unique per alliance: a second click, or two at once, inserts nothing (the
 * later transaction waits for the first and finds the key taken) and answers the announcement already sent.
 */
export async function sendAnnouncement({
  db,
  actor,
  jobs,
  config,
  allianceSlug,
  input,
  requestKey,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  jobs: JobQueue;
  config: Config;
  allianceSlug: string;
  input: AnnouncementInput;
  requestKey: string;
  now?: Date;
}): Promise<AnnouncementView> {
  const target = await allianceToAnnounceIn(db, actor, allianceSlug);
  if (!isUuid(requestKey)) throw badInput('requestKey', 'The request key must be a UUID.');
  const parsed = parseAnnouncementInput(input);
  const key = requestKey.toLowerCase();
  return db.transaction(async (tx) => {
    const segment = await resolveSegment(tx, target.id, parsed.segment, now);
    const recipients = await recipientsOf(tx, target.id, segment);
    const [row] = await tx
      .insert(announcement)
      .values({
        allianceId: target.id,
        title: parsed.title,
        body: parsed.body,
        segment: segment.kind,
        workingGroupId: segment.workingGroup?.id ?? null,
        country: segment.country,
        organisationKind: segment.organisationKind,
        campaignId: segment.campaign?.id ?? null,
        declarationVersionId: segment.declarationVersion?.id ?? null,
        requestKey: key,
        recipientCount: recipients.length,
        sentByPersonId: actor?.personId ?? null,
        sentAt: now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [announcement.allianceId, announcement.requestKey] })
      .returning();
    if (!row) return alreadySent(tx, target.id, key);
    if (recipients.length > 0) {
      await tx
        .insert(announcementRecipient)
        .values(recipients.map((r) => ({ announcementId: row.id, personId: r.personId })));
    }
    const url = announcementUrl(config, target.slug, row.id);
    for (const recipient of recipients) {
      await sendOptionalEmail(tx, jobs, config, {
        recipient,
        template: 'announcement',
        idempotencyKey: `announcement:${row.id}:${recipient.personId}`,
        data: { allianceName: target.name, title: row.title, body: row.body, announcementUrl: url },
      });
    }
    const view = segmentViewOf(segment);
    await recordAudit(tx, {
      allianceId: target.id,
      actorPersonId: actor?.personId ?? null,
      action: 'announcement.sent',
      objectType: 'announcement',
      objectId: row.id,
      after: {
        title: row.title,
        segment: row.segment,
        workingGroup: segment.workingGroup?.slug ?? null,
        country: row.country,
        organisationKind: row.organisationKind,
        campaignYear: view.campaignYear,
        declarationVersion: view.declarationVersion,
        recipientCount: row.recipientCount,
      },
    });
    return { row, segment: view };
  });
}

/** The announcement a request key already sent (a repeated click): nothing more is sent or audited. */
async function alreadySent(tx: Database, allianceId: string, key: string): Promise<AnnouncementView> {
  const sent = await findAnnouncementByKey(tx, allianceId, key);
  if (!sent) throw new Error(`announcement with request key ${key} neither inserted nor found`);
  return sent;
}
