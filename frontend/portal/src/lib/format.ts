/**
 * Formatting for display. The API sends tonnes and shares as exact decimal strings ("10250000.000");
 * everything here works on those strings and on BigInt so that no figure drifts through a float.
 * Intl.NumberFormat formats decimal strings exactly (Intl.NumberFormat v3), so the only floats are
 * CSS widths and SVG heights, which are display and nothing else.
 */

import { formatDecimal, fromScaled, toScaled } from '@concord/schema/values';

// Tonnes (parse, units, formats) live once, in @concord/schema/values, shared with the API and the documents.
export {
  formatDecimal,
  formatTonnes,
  formatTonnesExact,
  fromScaled,
  type TonnesPatterns,
  type TonnesUnit,
  tonnesParts,
  toScaled,
} from '@concord/schema/values';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Compares two decimal strings exactly: negative, zero or positive like Array.prototype.sort wants. */
export function compareDecimal(a: string, b: string): number {
  const scale = Math.max(fractionLength(a), fractionLength(b));
  const difference = toScaled(a, scale) - toScaled(b, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** numerator / denominator as a decimal fraction with `places` decimals ("6400000", "10000000" → "0.6400"). */
export function ratio(numerator: string, denominator: string, places = 4): string {
  const scale = Math.max(fractionLength(numerator), fractionLength(denominator));
  const n = toScaled(numerator, scale);
  const d = toScaled(denominator, scale);
  if (d === 0n) return fromScaled(0n, places);
  const unit = 10n ** BigInt(places);
  // Round half away from zero: add half the divisor before the integer division.
  const sign = n < 0n !== d < 0n ? -1n : 1n;
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  return fromScaled(sign * ((absN * unit * 2n + absD) / (absD * 2n)), places);
}

/** A share (a fraction such as "0.5432") as a CSS percentage between 0 and 100, for bar widths only. */
export function shareToPercent(share: string): number {
  const basisPoints = toScaled(share, 4);
  if (basisPoints <= 0n) return 0;
  if (basisPoints >= 10000n) return 100;
  return Number(basisPoints) / 100;
}

/** A share as a percentage: "0.5432" → "54.3%" (en), "54,3 %" (de). */
export function formatShare(share: string, locale: string): string {
  return formatDecimal(share, locale, { style: 'percent', maximumFractionDigits: 1 });
}

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/**
 * A DateTime or Date from the API as a calendar date. The API's dates are UTC; showing them in UTC keeps
 * "active since 20 September 2019" the same for every reader and between server and browser.
 */
export function formatDate(iso: string, locale: string, dateStyle: 'long' | 'medium' = 'long'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${JSON.stringify(iso)}`);
  return new Intl.DateTimeFormat(locale, { dateStyle, timeZone: 'UTC' }).format(date);
}

/** The time of day in UTC, hours and minutes. */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${JSON.stringify(iso)}`);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
}

/** The ISO date (YYYY-MM-DD) of a DateTime, for `<time datetime>`. */
export function isoDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** A country's name in the locale ("DE" → "Germany"); the code itself when the locale has no name for it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The first words of a text, cut at a word boundary, with an ellipsis when something was left out. */
export function excerpt(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  const words = lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut;
  return `${words.replace(/[\s,;:.–—-]+$/, '')}…`;
}

function fractionLength(value: string): number {
  return DECIMAL.exec(value.trim())?.[3]?.length ?? 0;
}
