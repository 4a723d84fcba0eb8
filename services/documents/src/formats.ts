/** Dates in documents are calendar dates in UTC (ISO 8601), the same for every reader wherever they are. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const integers = new Intl.NumberFormat('en-GB');

/** 10000 → '10,000' (the documents' fixed text is English). */
export function formatCount(n: number): string {
  return integers.format(n);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** The English name of an ISO 3166-1 alpha-2 country ('PL' → 'Poland'); an unknown code is shown as given. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    // Intl throws on a malformed code; the document should still render and show what the register holds.
    return code;
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
 * always three decimals: '6400000.25' → '6,400,000.250'. No rounding: what the table shows is what was summed.
 */
export function formatTonnes(tonnes: string): string {
  const match = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(tonnes.trim());
  if (!match) return tonnes;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return `${isZero ? '' : sign}${grouped}.${fraction.padEnd(3, '0')}`;
}

/**
 * Tonnes rounded for reading in a sentence or on a chart axis: '6123456.789' → '6.12 Mt', '640500' →
 * '640.5 kt', '12.5' → '12.5 t'. The exact figure is always in a table nearby.
 */
export function formatMass(tonnes: string | number): string {
  const value = typeof tonnes === 'number' ? tonnes : Number(tonnes);
  if (!Number.isFinite(value)) return String(tonnes);
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${(value / 1_000_000).toFixed(2)} Mt`;
  if (abs >= 1_000) return `${(value / 1_000).toFixed(1)} kt`;
  return `${Number(value.toFixed(3))} t`;
}

/** A share as a fraction with 4 decimals ('0.5432') as a percentage with 2 ('54.32 %'), exactly. */
export function formatShare(share: string): string {
  const match = /^(-?)(\d+)\.(\d{4})$/.exec(share.trim());
  if (!match) return `${(Number(share) * 100).toFixed(2)} %`;
  const [, sign = '', whole = '0', fraction = '0000'] = match;
  const percent = `${whole}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  return `${sign}${percent}.${fraction.slice(2)} %`;
}
