/**
 * Tonnes as exact integers of kilograms (bigint), so that sums are exact; the database column is numeric(14,3),
 * i.e. tonnes to the kilogram.
 */
export type Kg = bigint;

export const KG_PER_TONNE = 1000n;

export function tonnesToKg(tonnes: number): Kg {
  return BigInt(Math.round(tonnes)) * KG_PER_TONNE;
}

/** 10312457350n → "10312457.350", the text PostgreSQL gives for a numeric(14,3). */
export function kgToTonnes(kg: Kg): string {
  const sign = kg < 0n ? '-' : '';
  const abs = kg < 0n ? -kg : kg;
  return `${sign}${abs / KG_PER_TONNE}.${(abs % KG_PER_TONNE).toString().padStart(3, '0')}`;
}

/** "10312457.35" → 10312457350n. Accepts at most three decimals, as the column does. */
export function tonnesTextToKg(text: string): Kg {
  const match = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(text);
  if (!match) throw new Error(`not a tonnes value: ${text}`);
  const kg = BigInt(match[2] ?? '0') * KG_PER_TONNE + BigInt((match[3] ?? '').padEnd(3, '0'));
  return match[1] === '-' ? -kg : kg;
}

export function sumKg(values: Iterable<Kg>): Kg {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}
