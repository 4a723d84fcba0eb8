import {
  countryName as englishCountryName,
  formatDecimal,
  formatTonnesIn,
  type TonnesPatterns,
  tonnesParts,
} from '@concord/schema/values';

/** Dates in documents are calendar dates in UTC (ISO 8601), the same for every reader wherever they are. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * 10000 → '10,000' in English, '10 000' in French, '10.000' in German. French's narrow no-break space becomes a
 * no-break space, which every font of the documents has.
 */
export function formatCount(n: number, locale = 'en'): string {
  return noNarrowSpace(new Intl.NumberFormat(intlLocale(locale)).format(n));
}

/** English documents write numbers the British way (the register's own); other languages their own. */
const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);
const noNarrowSpace = (text: string) => text.replace(/\u202f/g, '\u00a0');

/**
 * The name of an ISO 3166-1 alpha-2 country in a document's language ('PL' → 'Poland', 'Pologne', 'Polen'); the
 * register's own English names for English; an unknown code is shown as given.
 */
export function countryName(code: string, locale = 'en'): string {
  if (locale === 'en') return englishCountryName(code);
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The name of a language (BCP 47) in a document's language ('fr' → 'French', 'français', 'Französisch'). */
export function languageName(tag: string, locale = 'en'): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A SHA-256 in hex as lines of groups of 8 (4 groups a line by default), so that a reader can compare it
 * group by group with the register, and a 64-character run never has to be broken mid-word.
 */
export function hexLines(hex: string, groupsPerLine = 4): string[] {
  const groups = hex.match(/.{1,8}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += groupsPerLine) lines.push(groups.slice(i, i + groupsPerLine).join(' '));
  return lines;
}

/**
 * Exact tonnes as the register stores them (a decimal string, up to 3 decimals), with thousands separated and
 * always three decimals: '6400000.25' → '6,400,000.250' ('6 400 000,250' in French, '6.400.000,250' in German).
 * No rounding: what the table shows is what was summed.
 */
export function formatTonnes(tonnes: string, locale = 'en'): string {
  if (!/^-?\d+(\.\d{1,3})?$/.test(tonnes.trim())) return tonnes;
  return noNarrowSpace(
    formatDecimal(tonnes, intlLocale(locale), {
      minimumFractionDigits: 3,
      maximumFractionDigits: 3,
      signDisplay: 'negative',
    }),
  );
}

/** The documents' units after a plain space (the PDF fonts are set for it). */
const plainPatterns: TonnesPatterns = { t: (n) => `${n} t`, kt: (n) => `${n} kt`, Mt: (n) => `${n} Mt` };

/**
 * Tonnes rounded for reading in a sentence or on a chart axis, as the portal shows them: '6123456.789' →
 * '6.12 Mt', '640500' → '640.5 kt', '12.5' → '12.5 t'. The exact figure is always in a table nearby.
 */
export function formatMass(tonnes: string | number, locale = 'en'): string {
  const text = typeof tonnes === 'number' ? (Number.isFinite(tonnes) ? tonnes.toFixed(3) : '') : tonnes.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return String(tonnes);
  return noNarrowSpace(formatTonnesIn(text, tonnesParts(text).unit, intlLocale(locale), plainPatterns));
}

/**
 * A share as a fraction with 4 decimals ('0.5432') as a percentage with 2 ('54.32 %'; '54,32 %' in French and
 * German), exactly.
 */
export function formatShare(share: string, locale = 'en'): string {
  const match = /^(-?)(\d+)\.(\d{4})$/.exec(share.trim());
  const separator = decimalSeparator(locale);
  if (!match) return `${(Number(share) * 100).toFixed(2).replace('.', separator)} %`;
  const [, sign = '', whole = '0', fraction = '0000'] = match;
  const percent = `${whole}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  return `${sign}${percent}${separator}${fraction.slice(2)} %`;
}

function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(intlLocale(locale)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** A day as a reader in `locale` writes it in full, on the wall calendar of `timeZone`: 'Friday 12 March 2027'. */
export function longDateIn(instant: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'full', timeZone }).format(instant);
}
