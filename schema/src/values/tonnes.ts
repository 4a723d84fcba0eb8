/**
 * Tonnes, the one unit of Concord (DOMAIN.md, "Units and numbers"). They travel as exact decimal strings with
 * at most 3 decimals (the database keeps numeric(14,3): to the kilogram); everything here works on those
 * strings and on BigInt kilograms, never on floats, so that no figure drifts.
 */

/** The ceiling on one figure (a pledge a year, a report): 50 Mt is five times the CPA's whole target. */
export const MAX_TONNES = 50_000_000;
export const MAX_KILOGRAMS = BigInt(MAX_TONNES) * 1000n;
/** Tonnes are counted to the kilogram. */
export const TONNES_DECIMALS = 3;

const TONNES = /^(-?)(\d+)(?:\.(\d+))?$/;

export type TonnesProblem = 'format' | 'negative' | 'zero' | 'decimals' | 'ceiling';

export type TonnesResult =
  | {
      ok: true /** Canonical: no leading zeros, 3 decimals (`0012.5` → `12.500`). */;
      tonnes: string;
      kilograms: bigint;
    }
  | { ok: false; problem: TonnesProblem; message: string };

const messages: Record<TonnesProblem, string> = {
  format: 'Write tonnes as a number such as 1250.5.',
  negative: 'Tonnes cannot be negative.',
  zero: 'Tonnes must be more than 0.',
  decimals: 'At most 3 decimals: tonnes are counted to the kilogram.',
  ceiling: `At most ${MAX_TONNES.toLocaleString('en')} t: five times the alliance’s whole target.`,
};

const refuse = (problem: TonnesProblem): TonnesResult => ({ ok: false, problem, message: messages[problem] });

/**
 * A figure as the API accepts it: digits with at most 3 decimals, surrounding spaces ignored, 0 (when
 * allowed) to 50 Mt. Exponents, signs, commas and spaces inside are refused rather than guessed at.
 */
export function parseTonnes(value: string, { isZeroAllowed = true }: { isZeroAllowed?: boolean } = {}): TonnesResult {
  const match = TONNES.exec(value.trim());
  if (!match) return refuse('format');
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > TONNES_DECIMALS) return refuse('decimals');
  const kilograms = BigInt(whole) * 1000n + BigInt(fraction.padEnd(TONNES_DECIMALS, '0'));
  if (sign && kilograms !== 0n) return refuse(isZeroAllowed ? 'negative' : 'zero');
  if (!isZeroAllowed && kilograms === 0n) return refuse('zero');
  if (kilograms > MAX_KILOGRAMS) return refuse('ceiling');
  return { ok: true, tonnes: kilogramsToTonnes(kilograms), kilograms };
}

/**
 * What people type, made into what the API reads: spaces (also thin and no-break ones, as some locales group
 * digits) and English thousands separators ("1,250.5") are dropped. Any other comma answers null: in "1,5" it
 * may be a decimal comma, and 15 t instead of 1.5 t would be a silent error in a public register.
 */
export function normaliseTonnes(typed: string): string | null {
  const compact = typed.replace(/[\s\u00a0\u202f_]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(compact)) return compact.replaceAll(',', '');
  return compact.includes(',') ? null : compact;
}

/** Is this a stored figure as the database gives it back (for cursors and other round trips)? */
export const isTonnesFigure = (value: string): boolean => /^\d{1,11}(\.\d{1,3})?$/.test(value);

/** Exact kilograms of a tonnes figure (a sign is allowed: differences are figures too). */
export function tonnesToKilograms(tonnes: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(tonnes.trim());
  if (!match) throw new RangeError(`not a tonnes figure: ${tonnes}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const kilograms = BigInt(whole) * 1000n + BigInt(fraction.padEnd(TONNES_DECIMALS, '0'));
  return sign === '-' ? -kilograms : kilograms;
}

/** The canonical figure of a number of kilograms: 12500n → '12.500'. */
export function kilogramsToTonnes(kilograms: bigint): string {
  const negative = kilograms < 0n;
  const abs = negative ? -kilograms : kilograms;
  const text = `${abs / 1000n}.${(abs % 1000n).toString().padStart(TONNES_DECIMALS, '0')}`;
  return negative ? `-${text}` : text;
}

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

/** A decimal string in the locale's format, exactly (Intl.NumberFormat v3 formats decimal strings exactly). */
export function formatDecimal(value: string, locale: string, options: Intl.NumberFormatOptions = {}): string {
  if (!DECIMAL.test(value.trim())) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  return new Intl.NumberFormat(locale, options).format(value.trim() as Intl.StringNumericLiteral);
}

export type TonnesUnit = 't' | 'kt' | 'Mt';

/** How a number and its unit are put together; the portal passes its message catalogue's patterns. */
export type TonnesPatterns = Record<TonnesUnit, (number: string) => string>;

const NBSP = '\u00a0';
/** The SI way, with a no-break space so that a figure never wraps away from its unit. */
export const siPatterns: TonnesPatterns = {
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

const stepOf = (unit: TonnesUnit) => units.find((u) => u.unit === unit) ?? { unit, exponent: 0, fractionDigits: 1 };

/** Tonnes in a given unit, rounded exactly (half away from zero): ("316424.305", "Mt") → "0.32". */
export function tonnesIn(tonnes: string, unit: TonnesUnit): string {
  const { exponent, fractionDigits } = stepOf(unit);
  const exact = toScaled(tonnes, TONNES_DECIMALS);
  const magnitude = exact < 0n ? -exact : exact;
  const divisor = 10n ** BigInt(TONNES_DECIMALS + exponent - fractionDigits);
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return fromScaled(exact < 0n && rounded !== 0n ? -rounded : rounded, fractionDigits);
}

/** Tonnes in the unit that reads best, rounded exactly: { number: "10.25", unit: "Mt" }. */
export function tonnesParts(tonnes: string): { number: string; unit: TonnesUnit } {
  const exact = toScaled(tonnes, TONNES_DECIMALS);
  const magnitude = exact < 0n ? -exact : exact;
  let index = magnitude >= 1_000_000_000n ? 2 : magnitude >= 1_000_000n ? 1 : 0;
  for (;;) {
    const step = units[index];
    if (!step) throw new RangeError('no unit');
    const number = tonnesIn(tonnes, step.unit);
    const shown = toScaled(number.replace('-', ''), step.fractionDigits);
    // 999,960 t rounds to 1,000.0 kt: show it as 1 Mt instead.
    if (index < units.length - 1 && shown >= 1000n * 10n ** BigInt(step.fractionDigits)) {
      index += 1;
      continue;
    }
    return { number, unit: step.unit };
  }
}

/** Tonnes in a given unit for reading: ("316424.305", "Mt", "en") → "0.32 Mt". */
export function formatTonnesIn(
  tonnes: string,
  unit: TonnesUnit,
  locale: string,
  patterns: TonnesPatterns = siPatterns,
): string {
  const { fractionDigits } = stepOf(unit);
  return patterns[unit](formatDecimal(tonnesIn(tonnes, unit), locale, { maximumFractionDigits: fractionDigits }));
}

/** Tonnes for reading, as the portal shows them: "10 Mt", "6.4 Mt", "900 kt", "12.5 t", in the locale's digits. */
export function formatTonnes(tonnes: string, locale: string, patterns: TonnesPatterns = siPatterns): string {
  return formatTonnesIn(tonnes, tonnesParts(tonnes).unit, locale, patterns);
}

/** Every digit, to the kilogram: "10,250,000.5 t". For tables and screen-reader text where detail matters. */
export function formatTonnesExact(
  tonnes: string,
  locale: string,
  patterns: TonnesPatterns = siPatterns,
  { minimumFractionDigits = 0 }: { minimumFractionDigits?: number } = {},
): string {
  return patterns.t(formatDecimal(tonnes, locale, { minimumFractionDigits, maximumFractionDigits: TONNES_DECIMALS }));
}
