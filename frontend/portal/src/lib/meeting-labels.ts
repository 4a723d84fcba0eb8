import { DEFAULT_TIME_ZONE, wallClock } from '@concord/schema/values';
import type { MeetingAudience, MeetingMethod, MeetingRegistrationStatus } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * What a meeting's pages show in the reader's language: its methods, audiences and registration statuses, and
 * its times in the reader's zone (the signed-in person's saved one, else the meeting's own).
 */

export const meetingMethods = [
  'PLENARY',
  'WORLD_CAFE',
  'OPEN_SPACE',
  'CIRCLE',
  'FISHBOWL',
  'BREAKOUT',
  'BREAK',
  'OTHER',
] as const satisfies readonly MeetingMethod[];

export const meetingAudiences = [
  'GROUP_MEMBERS',
  'ALLIANCE_SIGNATORIES',
  'SIGNED_IN',
] as const satisfies readonly MeetingAudience[];

export const isMeetingMethod = (value: string): value is MeetingMethod =>
  (meetingMethods as readonly string[]).includes(value);
export const isMeetingAudience = (value: string): value is MeetingAudience =>
  (meetingAudiences as readonly string[]).includes(value);

const methodLabels: Record<MeetingMethod, () => string> = {
  PLENARY: m.meeting_method_plenary,
  WORLD_CAFE: m.meeting_method_world_cafe,
  OPEN_SPACE: m.meeting_method_open_space,
  CIRCLE: m.meeting_method_circle,
  FISHBOWL: m.meeting_method_fishbowl,
  BREAKOUT: m.meeting_method_breakout,
  BREAK: m.meeting_method_break,
  OTHER: m.meeting_method_other,
};

const audienceLabels: Record<MeetingAudience, () => string> = {
  GROUP_MEMBERS: m.meeting_audience_group_members,
  ALLIANCE_SIGNATORIES: m.meeting_audience_alliance_signatories,
  SIGNED_IN: m.meeting_audience_signed_in,
};

export const meetingMethodLabel = (method: MeetingMethod) => methodLabels[method]();
export const meetingAudienceLabel = (audience: MeetingAudience) => audienceLabels[audience]();

export function registrationLabel(status: MeetingRegistrationStatus, waitingPosition: number | null): string {
  switch (status) {
    case 'REGISTERED':
      return m.meeting_registered();
    case 'WAITING':
      return m.meeting_waiting({ position: waitingPosition ?? 0 });
    case 'CANCELLED':
      return m.meeting_registration_cancelled();
  }
}

/** The reader's zone: theirs when they saved one, else the meeting's. */
export const readerZone = (saved: string | null | undefined, meetingZone: string) =>
  saved || meetingZone || DEFAULT_TIME_ZONE;

/** "Friday 12 March 2027, 09:30 – 16:00 CET" in the page's language, in `timeZone`. */
export function meetingWhen(startsAt: string, endsAt: string, timeZone: string, locale = getLocale()): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return format.formatRange(new Date(startsAt), new Date(endsAt));
}

/** The date alone, in `timeZone`: lists of meetings. */
export function meetingDate(startsAt: string, timeZone: string, locale = getLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long' }).format(new Date(startsAt));
}

/** "09:30" in `timeZone`: the script's minute-by-minute column. */
export function timeOfDay(instant: string, timeZone: string, locale = getLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** A wall-clock time for a `datetime-local` field (YYYY-MM-DDTHH:MM) in the meeting's zone. */
export const localInput = (instant: string, timeZone: string) => wallClock(new Date(instant), timeZone);

/** Meetings split into those coming (or running) and those held, the coming ones first and soonest first. */
export function comingAndHeld<T extends { endsAt: string }>(meetings: readonly T[], now = new Date()) {
  const coming = meetings.filter((item) => new Date(item.endsAt) >= now);
  const held = meetings.filter((item) => new Date(item.endsAt) < now).reverse();
  return { coming, held };
}
