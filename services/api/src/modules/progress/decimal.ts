/**
 * Exact tonnes arithmetic: tonnes travel as decimal strings with up to 3 decimals (numeric(14,3)); sums and
 * differences are done in integer kilograms (BigInt), so nothing drifts the way floats do.
 */
export function tonnesToKg(tonnes: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,3}))?$/.exec(tonnes.trim());
  if (!match) throw new RangeError(`not a tonnes figure: ${tonnes}`);
  const [, sign, whole, fraction = ''] = match;
  const kg = BigInt(whole ?? '0') * 1000n + BigInt(fraction.padEnd(3, '0'));
  return sign === '-' ? -kg : kg;
}

export function kgToTonnes(kg: bigint): string {
  const negative = kg < 0n;
  const abs = negative ? -kg : kg;
  const text = `${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
  return negative ? `-${text}` : text;
}

/** Rounds a fraction to the nearest integer, halves away from zero. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}
