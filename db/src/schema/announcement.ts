import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { createdAt, id } from './columns.ts';
import { declarationVersion } from './declaration.ts';
import { organisationKind } from './enums.ts';
import { person } from './person.ts';
import { reportingCampaign } from './progress.ts';
import { workingGroup } from './working-group.ts';

/** To whom an announcement goes: the representatives of the organisations in one segment of the signatories. */
export const announcementSegments = [
  'all_signatories',
  'working_group',
  'country',
  'organisation_kind',
  'not_reported',
  'not_resigned',
] as const;
export type AnnouncementSegment = (typeof announcementSegments)[number];

/**
 * What the secretariat said to a segment of the signatories (docs/visibility.md: public, the recipients not). A row
 * exists once it is sent: the row, its recipients, their e-mail jobs and the audit event are one transaction.
 */
export const announcement = pgTable(
  'announcement',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** Markdown of the declaration's small kind (@concord/schema/values), rendered by construction. */
    body: text('body').notNull(),
    segment: text('segment').$type<AnnouncementSegment>().notNull(),
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id),
    country: text('country'),
    organisationKind: organisationKind('organisation_kind'),
    /** For `not_reported`: the campaign whose reports were missing when it was sent. */
    campaignId: uuid('campaign_id').references(() => reportingCampaign.id),
    /** For `not_resigned`: the version in force that its recipients' organisations had not signed. */
    declarationVersionId: uuid('declaration_version_id').references(() => declarationVersion.id),
    /**
     * Chosen by the sender's form when it shows the preview: a second click, or two at once, of the same form finds
     * this key taken and sends nothing more.
     */
    requestKey: uuid('request_key').notNull(),
    recipientCount: integer('recipient_count').notNull(),
    sentByPersonId: uuid('sent_by_person_id').references(() => person.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('announcement_request_key_unique').on(t.allianceId, t.requestKey),
    index('announcement_alliance_sent_idx').on(t.allianceId, t.sentAt),
    check('announcement_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('announcement_body_length', sql`char_length(${t.body}) between 1 and 20000`),
    check(
      'announcement_segment',
      sql`${t.segment} in ('all_signatories', 'working_group', 'country', 'organisation_kind', 'not_reported', 'not_resigned')`,
    ),
    check(
      'announcement_segment_facts',
      sql`(${t.segment} = 'working_group') = (${t.workingGroupId} is not null)
        and (${t.segment} = 'country') = (${t.country} is not null)
        and (${t.segment} = 'organisation_kind') = (${t.organisationKind} is not null)
        and (${t.segment} = 'not_reported') = (${t.campaignId} is not null)
        and (${t.segment} = 'not_resigned') = (${t.declarationVersionId} is not null)`,
    ),
    check('announcement_recipient_count', sql`${t.recipientCount} >= 0`),
  ],
);

/** Each person an announcement was sent to, once: the key its e-mail's idempotency follows. Private. */
export const announcementRecipient = pgTable(
  'announcement_recipient',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcement.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.personId] }),
    index('announcement_recipient_person_idx').on(t.personId),
  ],
);

export type Announcement = typeof announcement.$inferSelect;
export type NewAnnouncement = typeof announcement.$inferInsert;
