import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { createdAt, id, timestamps } from './columns.ts';
import { meetingAudience, meetingMethod, meetingRegistrationStatus, meetingStatus } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { workingGroup } from './working-group.ts';

/**
 * A meeting of a working group, or a plenary of the alliance (`workingGroupId` null). Times are instants; the
 * time zone is the one the meeting is held in (an IANA name the API checks), used to show and invite.
 */
export const meeting = pgTable(
  'meeting',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The question the meeting works on. */
    purpose: text('purpose').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    /** Places that can be taken; registrations past it wait. */
    capacity: integer('capacity').notNull(),
    audience: meetingAudience('audience').notNull().default('group_members'),
    status: meetingStatus('status').notNull().default('scheduled'),
    cancellationReason: text('cancellation_reason'),
    /** iCalendar SEQUENCE: raised by every change that invitations carry, cancellation included. */
    sequence: integer('sequence').notNull().default(0),
    createdByPersonId: uuid('created_by_person_id').references(() => person.id, { onDelete: 'set null' }),
    ...timestamps(),
  },
  (t) => [
    index('meeting_working_group_idx').on(t.workingGroupId, t.startsAt),
    index('meeting_alliance_idx').on(t.allianceId, t.startsAt),
    check('meeting_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('meeting_place_or_link', sql`${t.place} is not null or ${t.onlineUrl} is not null`),
    check('meeting_capacity_positive', sql`${t.capacity} between 1 and 100000`),
    check('meeting_sequence_non_negative', sql`${t.sequence} >= 0`),
    check('meeting_time_zone_shape', sql`length(${t.timeZone}) between 1 and 64`),
    check('meeting_cancellation_reason', sql`(${t.status} = 'cancelled') = (${t.cancellationReason} is not null)`),
  ],
);

/**
 * One item of a meeting's script. Items are ordered by `position` (0, 1, 2…); an item starts when the one
 * before it ends, so its start offset is the sum of the durations before it (computed, never stored: the
 * script is contiguous by construction).
 */
export const meetingAgendaItem = pgTable(
  'meeting_agenda_item',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    method: meetingMethod('method').notNull(),
    /** Who hosts the item, as the hosting team writes it. */
    hosts: text('hosts'),
    /** The question the item works on. */
    question: text('question'),
    /** What the item needs: flip charts, a talking piece, the draft text… */
    materials: text('materials'),
    /** The item reviews the open commitments of the group (of the alliance itself, for a plenary). */
    reviewsOpenCommitments: boolean('reviews_open_commitments').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    unique('meeting_agenda_item_position_unique').on(t.meetingId, t.position),
    check('meeting_agenda_item_position', sql`${t.position} >= 0`),
    check('meeting_agenda_item_duration', sql`${t.durationMinutes} between 1 and 1440`),
  ],
);

/** A person's place at a meeting, or on its waiting list (ordered by `requestedAt`). */
export const meetingRegistration = pgTable(
  'meeting_registration',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** The organisation the person comes for, when they represent one. */
    organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
    status: meetingRegistrationStatus('status').notNull(),
    /** When the person asked for a place: the waiting list's order. */
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    unique('meeting_registration_person_unique').on(t.meetingId, t.personId),
    index('meeting_registration_person_idx').on(t.personId),
    index('meeting_registration_queue_idx').on(t.meetingId, t.status, t.requestedAt),
  ],
);

/** An organisation that took part in a meeting, as its hosts recorded it. */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    recordedByPersonId: uuid('recorded_by_person_id').references(() => person.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.organisationId] })],
);

/** A meeting's minutes (Markdown of the declaration's kind), a draft until the chair publishes them. */
export const meetingMinutes = pgTable('meeting_minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meeting.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedByPersonId: uuid('published_by_person_id').references(() => person.id, { onDelete: 'set null' }),
  ...timestamps(),
});

/** A decision a meeting took, in the order of its minutes; commitments may arise from it. */
export const meetingDecision = pgTable(
  'meeting_decision',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('meeting_decision_position_unique').on(t.meetingId, t.position),
    check('meeting_decision_position', sql`${t.position} >= 0`),
  ],
);

export type Meeting = typeof meeting.$inferSelect;
export type NewMeeting = typeof meeting.$inferInsert;
export type MeetingAgendaItem = typeof meetingAgendaItem.$inferSelect;
export type MeetingRegistration = typeof meetingRegistration.$inferSelect;
export type MeetingMinutes = typeof meetingMinutes.$inferSelect;
export type MeetingDecision = typeof meetingDecision.$inferSelect;
