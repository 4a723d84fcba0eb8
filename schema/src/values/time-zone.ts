/**
 * Time zones and wall-clock times, with nothing but Intl: a meeting is held at a wall-clock time in an IANA time
 * zone, stored as instants, and shown in each reader's zone.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

/** Region/City names and UTC; offsets (+01:00) and abbreviations (CET) are not zones a meeting is held in. */
const ZONE_SHAPE = /^(?:UTC|[A-Za-z][A-Za-z_+-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*){1,2})$/;

/** The canonical name of an IANA time zone (`europe/brussels` → `Europe/Brussels`), or null for anything else. */
export function canonicalTimeZone(value: string): string | null {
  if (value.length > 64 || !ZONE_SHAPE.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, timeZone: string): Record<string, number> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (Brussels in summer: +7,200,000). */
export function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The wall-clock time of an instant in a zone, as YYYY-MM-DDTHH:MM. */
export function wallClock(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

export type WallClockResult =
  | { ok: true; instant: Date }
  | { ok: false; problem: 'shape' | 'not_a_date' | 'skipped'; message: string };

/**
 * The instant a wall-clock time (YYYY-MM-DDTHH:MM) stands for in a zone. A time the clocks skip (02:30 on the
 * night summer time starts) is refused rather than moved; a time that happens twice (autumn) is the first.
 */
export function instantOf(value: string, timeZone: string): WallClockResult {
  const match = WALL_CLOCK.exec(value);
  if (!match) return { ok: false, problem: 'shape', message: 'Write a date and time as YYYY-MM-DDTHH:MM.' };
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(guess);
  if (
    year < 1900 ||
    year > 2200 ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return { ok: false, problem: 'not_a_date', message: 'This is not a date and time of the calendar.' };
  }
  // The offset a little before and after the guess covers both sides of a change of the clocks.
  const candidates = [
    offsetAt(new Date(guess - 86_400_000), timeZone),
    offsetAt(new Date(guess + 86_400_000), timeZone),
  ]
    .map((offset) => guess - offset)
    .filter((instant) => wallClock(new Date(instant), timeZone) === value.replace(' ', 'T'))
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) {
    return { ok: false, problem: 'skipped', message: 'The clocks skip this time in this time zone: choose another.' };
  }
  return { ok: true, instant: new Date(first) };
}
