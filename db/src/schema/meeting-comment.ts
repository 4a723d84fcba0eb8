import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { meetingCommentStatus } from './enums.ts';
import { meeting, meetingDecision } from './meeting.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

/**
 * Public challenge and input: anyone signed in comments on a meeting's published minutes, or on one of its decisions
 * (`decisionId`). Nothing about the commenter is public; a pending comment is theirs and the moderators' alone
 * (docs/visibility.md).
 */
export const meetingComment = pgTable(
  'meeting_comment',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    /** Null: on the minutes as a whole. */
    decisionId: uuid('decision_id').references(() => meetingDecision.id, { onDelete: 'cascade' }),
    authorPersonId: uuid('author_person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    status: meetingCommentStatus('status').notNull().default('pending'),
    /** The chair's public answer, when answered. */
    answer: text('answer'),
    /** Why the chair hid it: shown publicly in the comment's place. */
    hiddenReason: text('hidden_reason'),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    moderatedByPersonId: uuid('moderated_by_person_id').references(() => person.id, { onDelete: 'set null' }),
    /** The organisation the moderator acted for (a chair's); null for the secretariat. */
    moderatedByOrganisationId: uuid('moderated_by_organisation_id').references(() => organisation.id, {
      onDelete: 'set null',
    }),
    ...timestamps(),
  },
  (t) => [
    index('meeting_comment_meeting_idx').on(t.meetingId, t.createdAt),
    index('meeting_comment_pending_idx').on(t.allianceId, t.status, t.createdAt),
    index('meeting_comment_author_idx').on(t.authorPersonId, t.createdAt),
    check('meeting_comment_text_length', sql`char_length(${t.text}) between 1 and 4000`),
    check('meeting_comment_answer', sql`(${t.status} = 'answered') = (${t.answer} is not null)`),
    check('meeting_comment_answer_length', sql`${t.answer} is null or char_length(${t.answer}) between 1 and 4000`),
    check('meeting_comment_hidden_reason', sql`(${t.status} = 'hidden') = (${t.hiddenReason} is not null)`),
    check(
      'meeting_comment_hidden_reason_length',
      sql`${t.hiddenReason} is null or char_length(${t.hiddenReason}) between 1 and 500`,
    ),
    check('meeting_comment_moderated', sql`(${t.status} = 'pending') = (${t.moderatedAt} is null)`),
  ],
);

export type MeetingComment = typeof meetingComment.$inferSelect;
export type NewMeetingComment = typeof meetingComment.$inferInsert;
