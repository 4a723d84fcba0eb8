import type { schema } from '@concord/db';
import { canonicalTimeZone, instantOf } from '@concord/schema/values';
import { badInput } from '../../errors.ts';
import { optionalText, requiredText } from '../../lib/validate.ts';

export interface MeetingInput {
  title: string;
  purpose: string;
  /** Wall-clock times in `timeZone`: YYYY-MM-DDTHH:MM. */
  start: string;
  end: string;
  timeZone: string;
  place?: string | null | undefined;
  onlineUrl?: string | null | undefined;
  capacity: number;
  audience?: schema.MeetingAudience | null | undefined;
}

export interface MeetingValues {
  title: string;
  purpose: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number;
  audience: schema.MeetingAudience;
}

export const MEETING_CAPACITY_MAX = 100_000;
/** A meeting lasts at most a week: a longer "meeting" is a typo in a date. */
const LONGEST_MS = 7 * 24 * 3_600_000;

/** An address people can open: http(s), a host, no credentials in it. */
export function onlineLink(value: string | null | undefined, field: string): string | null {
  const link = optionalText(value, field, { max: 2000 });
  if (link === null) return null;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw badInput(field, 'Enter an address starting with https:// (or http://).');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw badInput(field, 'Enter an address starting with https:// (or http://).');
  }
  if (url.username || url.password) throw badInput(field, 'Leave the user name and password out of the address.');
  return url.href;
}

/** Checks every field of a meeting; errors name the field as `input.<field>`. */
export function parseMeetingInput(input: MeetingInput): MeetingValues {
  const title = requiredText(input.title, 'input.title', { max: 200 });
  const purpose = requiredText(input.purpose, 'input.purpose', { max: 2000, isMultiline: true });
  const zoneText = requiredText(input.timeZone, 'input.timeZone', { max: 64 });
  const timeZone = canonicalTimeZone(zoneText);
  if (!timeZone) throw badInput('input.timeZone', 'Choose a time zone by its IANA name, such as Europe/Brussels.');
  const startsAt = wallClockField(input.start, 'input.start', timeZone);
  const endsAt = wallClockField(input.end, 'input.end', timeZone);
  if (endsAt.getTime() <= startsAt.getTime()) throw badInput('input.end', 'The meeting must end after it starts.');
  if (endsAt.getTime() - startsAt.getTime() > LONGEST_MS) {
    throw badInput('input.end', 'A meeting lasts at most seven days.');
  }
  const place = optionalText(input.place, 'input.place', { max: 300, isMultiline: true });
  const onlineUrl = onlineLink(input.onlineUrl, 'input.onlineUrl');
  if (place === null && onlineUrl === null) {
    throw badInput('input.place', 'Give a place, an online link, or both.');
  }
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MEETING_CAPACITY_MAX) {
    throw badInput(
      'input.capacity',
      `Give the number of places, from 1 to ${MEETING_CAPACITY_MAX.toLocaleString('en')}.`,
    );
  }
  return {
    title,
    purpose,
    startsAt,
    endsAt,
    timeZone,
    place,
    onlineUrl,
    capacity: input.capacity,
    audience: input.audience ?? 'group_members',
  };
}

function wallClockField(value: string, field: string, timeZone: string): Date {
  const text = requiredText(value, field, { max: 20 });
  const result = instantOf(text, timeZone);
  if (!result.ok) throw badInput(field, result.message);
  return result.instant;
}
