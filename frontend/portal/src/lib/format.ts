/**
 * Formatting for display. The API sends tonnes and shares as exact decimal strings ("10250000.000");
 * everything here works on those strings and on BigInt so that no figure drifts through a float.
 * Intl.NumberFormat formats decimal strings exactly (Intl.NumberFormat v3), so the only floats are
 * CSS widths and SVG heights, which are display and nothing else.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** An exact decimal as an integer count of 10^-scale units: ("12.5", 3) → 12500n. Rounds half away from zero. */
export function toScaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  let scaled = BigInt(whole + kept);
  if ((fraction[scale] ?? '0') >= '5') scaled += 1n;
  return sign && scaled !== 0n ? -scaled : scaled;
}

/** The inverse of toScaled: (12500n, 3) → "12.500". */
export function fromScaled(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

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

export type TonnesUnit = 't' | 'kt' | 'Mt';

/** How a number and its unit are put together; the portal passes its message catalogue's patterns. */
export type TonnesPatterns = Record<TonnesUnit, (number: string) => string>;

const NBSP = '\u00a0';
const siPatterns: TonnesPatterns = {
  t: (n) => `${n}${NBSP}t`,
  kt: (n) => `${n}${NBSP}kt`,
  Mt: (n) => `${n}${NBSP}Mt`,
};

// Each unit shows three significant figures or so at its usual sizes: 10.25 Mt, 640.5 kt, 120 t.
const units: readonly { unit: TonnesUnit; exponent: number; fractionDigits: number }[] = [
  { unit: 't', exponent: 0, fractionDigits: 1 },
  { unit: 'kt', exponent: 3, fractionDigits: 1 },
  { unit: 'Mt', exponent: 6, fractionDigits: 2 },
];

/** Tonnes in the unit that reads best, rounded exactly: { number: "10.25", unit: "Mt" }. */
export function tonnesParts(tonnes: string): { number: string; unit: TonnesUnit } {
  const exact = toScaled(tonnes, 3);
  const magnitude = exact < 0n ? -exact : exact;
  let index = magnitude >= 1_000_000_000n ? 2 : magnitude >= 1_000_000n ? 1 : 0;
  for (;;) {
    const step = units[index];
    if (!step) throw new RangeError('no unit');
    const { unit, exponent, fractionDigits } = step;
    // exact has 3 decimals; the unit wants exponent more digits shifted off, keeping fractionDigits.
    const shift = 3 + exponent - fractionDigits;
    const divisor = 10n ** BigInt(shift);
    const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
    // 999,960 t rounds to 1,000.0 kt: show it as 1 Mt instead.
    if (index < units.length - 1 && rounded >= 1000n * 10n ** BigInt(fractionDigits)) {
      index += 1;
      continue;
    }
    const number = fromScaled(exact < 0n ? -rounded : rounded, fractionDigits);
    return { number, unit };
  }
}

/** Tonnes for reading: "10 Mt", "6.4 Mt", "900 kt", "12.5 t", in the locale's digits and separators. */
export function formatTonnes(tonnes: string, locale: string, patterns: TonnesPatterns = siPatterns): string {
  const { number, unit } = tonnesParts(tonnes);
  const digits = units.find((u) => u.unit === unit)?.fractionDigits ?? 0;
  return patterns[unit](formatDecimal(number, locale, { maximumFractionDigits: digits }));
}

/** Whole tonnes, every digit: "10,250,000 t". For tables and screen-reader text where detail matters. */
export function formatTonnesExact(tonnes: string, locale: string, patterns: TonnesPatterns = siPatterns): string {
  return patterns.t(formatDecimal(tonnes, locale, { maximumFractionDigits: 3 }));
}

/** A share as a percentage: "0.5432" → "54.3%" (en), "54,3 %" (de). */
export function formatShare(share: string, locale: string): string {
  return formatDecimal(share, locale, { style: 'percent', maximumFractionDigits: 1 });
}

/** A decimal string in the locale's format, exactly (no float in between). */
export function formatDecimal(value: string, locale: string, options: Intl.NumberFormatOptions = {}): string {
  if (!DECIMAL.test(value.trim())) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  return new Intl.NumberFormat(locale, options).format(value.trim() as Intl.StringNumericLiteral);
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

/** The ISO date (YYYY-MM-DD) of a DateTime, for `<time datetime>`. */
/** The time of day in UTC, hours and minutes. */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${JSON.stringify(iso)}`);
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', hourCycle: 'h23', timeZone: 'UTC' }).format(date);
}

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
