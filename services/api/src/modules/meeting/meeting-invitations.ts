import { type Database, schema } from '@concord/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { type CalendarEvent, meetingCalendar } from './meeting-calendar.ts';

/**
 * Invitations to a meeting, enqueued in the transaction of the change: a new meeting, a change of it, or its
 * cancellation reaches every invitee in their language, with the times and the iCalendar part in their time
 * zone (theirs, else the alliance's). Invitees: the representatives of the group's member organisations, or for
 * a plenary of the alliance's signatories, whose signature is active.
 */
const {
  alliance,
  meeting: meetingTable,
  organisationMember,
  person,
  signature,
  workingGroup,
  workingGroupMember,
} = schema;

export type InvitationChange = 'new' | 'changed' | 'cancelled';

export interface Invitee {
  personId: string;
  email: string;
  locale: string;
  timeZone: string;
}

export async function inviteesOf(db: Database, row: schema.Meeting): Promise<Invitee[]> {
  const timeZone = sql<string>`coalesce(${person.timeZone}, ${alliance.timeZone})`;
  const members = db
    .selectDistinct({ personId: person.id, email: person.email, locale: person.locale, timeZone })
    .from(signature)
    .innerJoin(alliance, eq(alliance.id, signature.allianceId))
    .innerJoin(organisationMember, eq(organisationMember.organisationId, signature.organisationId))
    .innerJoin(person, eq(person.id, organisationMember.personId));
  const active = and(eq(signature.allianceId, row.allianceId), eq(signature.status, 'active'), isNull(person.erasedAt));
  if (row.workingGroupId === null) return members.where(active).orderBy(asc(person.id));
  return members
    .innerJoin(
      workingGroupMember,
      and(
        eq(workingGroupMember.organisationId, signature.organisationId),
        eq(workingGroupMember.workingGroupId, row.workingGroupId),
      ),
    )
    .where(active)
    .orderBy(asc(person.id));
}

/** "Friday 12 March 2027, 09:30 – 16:00" in the reader's language and time zone. */
export function whenIn(locale: string, timeZone: string, row: schema.Meeting): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return format.formatRange(row.startsAt, row.endsAt);
}

/** The address inside a From such as `Concord <no-reply@concord.example>`. */
const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from;

/**
 * The meeting's page in the portal, under its alliance like a commitment's (`/alliances/<slug>/meetings/<id>`): the
 * address invitations and calendars link to. (`/meetings/<id>`, which earlier invitations carried, redirects there.)
 */
export const meetingUrl = (config: Config, allianceSlug: string, meetingId: string) =>
  `${config.publicUrl}/alliances/${encodeURIComponent(allianceSlug)}/meetings/${meetingId}`;

/** The names a meeting's calendar entry and e-mail use. */
export async function namesOf(db: Database, row: schema.Meeting) {
  const [names] = await db
    .select({ allianceName: alliance.name, allianceSlug: alliance.slug, workingGroupName: workingGroup.name })
    .from(meetingTable)
    .innerJoin(alliance, eq(alliance.id, meetingTable.allianceId))
    .leftJoin(workingGroup, eq(workingGroup.id, meetingTable.workingGroupId))
    .where(eq(meetingTable.id, row.id));
  const allianceName = names?.allianceName ?? '';
  const allianceSlug = names?.allianceSlug ?? '';
  const workingGroupName = names?.workingGroupName ?? null;
  return { allianceName, allianceSlug, workingGroupName, summary: `${workingGroupName ?? allianceName}: ${row.title}` };
}

export const uidHostOf = (config: Config) => new URL(config.publicUrl).hostname;

export function calendarEventOf(
  config: Config,
  row: schema.Meeting,
  { allianceSlug, summary }: { allianceSlug: string; summary: string },
  showOnlineUrl: boolean,
) {
  return {
    meeting: row,
    summary,
    url: meetingUrl(config, allianceSlug, row.id),
    showOnlineUrl,
  } satisfies CalendarEvent;
}

export async function sendInvitations(
  tx: Database,
  jobs: JobQueue,
  config: Config,
  { row, change }: { row: schema.Meeting; change: InvitationChange },
): Promise<void> {
  const names = await namesOf(tx, row);
  const event = calendarEventOf(config, row, names, true);
  const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
  for (const invitee of await inviteesOf(tx, row)) {
    await jobs.enqueue(tx, 'send-email', {
      // One e-mail per invitee and version of the meeting: the sequence is raised by every change.
      idempotencyKey: `meeting-invitation:${row.id}:${row.sequence}:${invitee.personId}`,
      template: 'meeting-invitation',
      to: invitee.email,
      locale: invitee.locale,
      data: {
        allianceName: names.allianceName,
        workingGroupName: names.workingGroupName,
        title: row.title,
        purpose: row.purpose,
        when: whenIn(invitee.locale, invitee.timeZone, row),
        timeZone: invitee.timeZone,
        place: row.place,
        onlineUrl: row.onlineUrl,
        meetingUrl: meetingUrl(config, names.allianceSlug, row.id),
        change,
        cancellationReason: row.cancellationReason,
      },
      calendar: {
        method,
        content: meetingCalendar({
          method,
          timeZone: invitee.timeZone,
          events: [event],
          uidHost: uidHostOf(config),
          organizer: { name: names.allianceName, email: addressOf(config.mailFrom) },
          attendee: { email: invitee.email },
        }),
      },
    });
  }
}
