import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { emailFrequency } from './enums.ts';
import { organisation } from './organisation.ts';

export const person = pgTable(
  'person',
  {
    id: id(),
    /** Stored as given; unique regardless of case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    locale: text('locale').notNull().default('en'),
    /** The IANA time zone the person reads times in (meeting invitations); null: their alliance's. */
    timeZone: text('time_zone'),
    /** Set when the person first follows a link sent to `email`. */
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    isPlatformAdministrator: boolean('is_platform_administrator').notNull().default(false),
    /**
     * How the person gets activity e-mail: a signature or a pledge waiting for their review (secretariat staff,
     * working-group chairs). With announcements, the e-mail one may choose: the rest is transactional
     * (docs/adr/0009-email-opt-out.md, docs/adr/0036-email-digests.md).
     */
    activityEmailFrequency: emailFrequency('activity_email_frequency').notNull().default('immediately'),
    /** How the person gets the secretariat's announcements. */
    announcementEmailFrequency: emailFrequency('announcement_email_frequency').notNull().default('immediately'),
    /**
     * When the person's personal data was erased (docs/adr/0014-personal-data.md): the row stays as a pseudonym
     * (`erased-<id>@invalid`, name "Erased") so that what they did for their organisation keeps its author's id.
     */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('person_email_unique').on(sql`lower(${t.email})`),
    check('person_time_zone_shape', sql`${t.timeZone} is null or length(${t.timeZone}) between 1 and 64`),
    check('person_email_shape', sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+$' and length(${t.email}) <= 254`),
  ],
);

/** A person who may act for an organisation (its representative). */
export const organisationMember = pgTable(
  'organisation_member',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    jobTitle: text('job_title'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.personId] }),
    index('organisation_member_person_idx').on(t.personId),
  ],
);

/**
 * Each version of the privacy notice a person accepted, and when (the version is PRIVACY_NOTICE_VERSION in
 * @concord/schema/values, the text the portal's /privacy page). Kept after erasure: it holds nothing but the pseudonym.
 */
export const privacyNoticeAcceptance = pgTable(
  'privacy_notice_acceptance',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.version] }),
    check('privacy_notice_version_shape', sql`${t.version} ~ '^[0-9A-Za-z.-]{1,40}$'`),
  ],
);

export type Person = typeof person.$inferSelect;
export type NewPerson = typeof person.$inferInsert;
