import type { schema } from '@concord/db';
import { wallClock } from '@concord/schema/values';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * iCalendar (RFC 5545, with RFC 5546's METHOD for invitations) for meetings: an invitation or its cancellation
 * for one person, a meeting's own file, a group's feed. Written here rather than by a library: a VEVENT is a dozen
 * lines, and ical-generator, the one well kept, needs Node 22. The VTIMEZONE of each zone comes from
 * timezones-ical-library (the IANA database as iCalendar); the files are read back with ical.js in the tests.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface CalendarEvent {
  meeting: schema.Meeting;
  /** "Packaging working group: …" */
  summary: string;
  /** The meeting's page. */
  url: string;
  /** Whether to give the online link (people invited, or signed in). */
  showOnlineUrl: boolean;
}

export interface CalendarOptions {
  method: CalendarMethod;
  /** The zone the times are written in: the reader's. */
  timeZone: string;
  events: readonly CalendarEvent[];
  /** The host part of every UID: the deployment's own name, so that UIDs never collide across deployments. */
  uidHost: string;
  /** Required by invitations (RFC 5546): who sends them, and to whom. */
  organizer?: { name: string; email: string };
  attendee?: { email: string };
  /** The feed's name, shown by calendar applications. */
  name?: string;
}

/** TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545, 3.3.11). */
export const escapeText = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** A parameter value in quotes, without the characters a quoted value cannot hold. */
const quoteParam = (value: string) => `"${value.replace(/["\r\n\\]/g, ' ')}"`;

/** Lines longer than 75 octets fold onto continuation lines, never inside a UTF-8 character (RFC 5545, 3.1). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const local = (instant: Date, timeZone: string) => `${wallClock(instant, timeZone).replace(/[-:]/g, '')}00`;

/** The VTIMEZONE block of a zone, or null when the library does not know it (times are then written in UTC). */
function vtimezone(timeZone: string): string | null {
  if (timeZone === 'UTC') return null;
  const block = tzlib_get_ical_block(timeZone);
  const text = Array.isArray(block) ? block[0] : null;
  return text?.startsWith('BEGIN:VTIMEZONE') ? text : null;
}

export const meetingUid = (meetingId: string, uidHost: string) => `meeting-${meetingId}@${uidHost}`;

export function meetingCalendar(options: CalendarOptions): string {
  const zone = vtimezone(options.timeZone);
  const when = (name: string, instant: Date) =>
    zone ? `${name};TZID=${options.timeZone}:${local(instant, options.timeZone)}` : `${name}:${utc(instant)}`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Concord//Meetings//EN', 'CALSCALE:GREGORIAN'];
  lines.push(`METHOD:${options.method}`);
  if (options.name) lines.push(`X-WR-CALNAME:${escapeText(options.name)}`);
  if (zone) lines.push(...zone.split(/\r?\n/));
  for (const { meeting, summary, url, showOnlineUrl } of options.events) {
    const isCancelled = options.method === 'CANCEL' || meeting.status === 'cancelled';
    const where = [meeting.place, showOnlineUrl ? meeting.onlineUrl : null].filter((x) => x).join(' · ');
    const description = [meeting.purpose, showOnlineUrl && meeting.onlineUrl ? meeting.onlineUrl : null, url]
      .filter((x) => x)
      .join('\n\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${meetingUid(meeting.id, options.uidHost)}`,
      `DTSTAMP:${utc(meeting.updatedAt)}`,
      `SEQUENCE:${meeting.sequence}`,
      when('DTSTART', meeting.startsAt),
      when('DTEND', meeting.endsAt),
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${url}`,
      `STATUS:${isCancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    );
    if (where) lines.push(`LOCATION:${escapeText(where)}`);
    if (options.organizer) {
      lines.push(`ORGANIZER;CN=${quoteParam(options.organizer.name)}:mailto:${options.organizer.email}`);
    }
    if (options.attendee) {
      lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${options.attendee.email}`);
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
