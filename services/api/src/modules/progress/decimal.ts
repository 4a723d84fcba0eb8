/**
 * Exact tonnes arithmetic: tonnes travel as decimal strings with up to 3 decimals (numeric(14,3)); sums and
 * differences are done in integer kilograms (BigInt), so nothing drifts the way floats do. The conversions
 * are the shared ones of @concord/schema/values.
 */
export { kilogramsToTonnes as kgToTonnes, tonnesToKilograms as tonnesToKg } from '@concord/schema/values';

/** Rounds a fraction to the nearest integer, halves away from zero. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}
