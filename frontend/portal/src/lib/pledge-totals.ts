import { compareDecimal, fromScaled, ratio, shareToPercent, toScaled } from './format';

/**
 * Accepted pledges summed by kind and polymer (as the API sends them: one row per pair) turned into one row
 * per polymer with supply and uptake side by side, in the order of `polymerOrder`. Sums stay exact decimal
 * strings; only the bar lengths are floats. Pure: the unit tests import it as it is.
 */

export interface PledgeTotalInput {
  kind: 'SUPPLY' | 'UPTAKE';
  polymer: string;
  tonnesPerYear: string;
  pledgeCount: number;
}

export interface PolymerTotals<P extends string = string> {
  polymer: P;
  supplyTonnes: string;
  supplyCount: number;
  uptakeTonnes: string;
  uptakeCount: number;
}

export interface TotalsByPolymer<P extends string = string> {
  rows: PolymerTotals<P>[];
  supplyTonnes: string;
  supplyCount: number;
  uptakeTonnes: string;
  uptakeCount: number;
  /** The largest figure of any row: the length of a full bar. */
  largestTonnes: string;
}

const SCALE = 3;
const add = (a: string, b: string) => fromScaled(toScaled(a, SCALE) + toScaled(b, SCALE), SCALE);

export function totalsByPolymer<P extends string>(
  totals: readonly (PledgeTotalInput & { polymer: P })[],
  polymerOrder: readonly P[],
): TotalsByPolymer<P> {
  const zero = fromScaled(0n, SCALE);
  const byPolymer = new Map<P, PolymerTotals<P>>();
  for (const total of totals) {
    const row = byPolymer.get(total.polymer) ?? {
      polymer: total.polymer,
      supplyTonnes: zero,
      supplyCount: 0,
      uptakeTonnes: zero,
      uptakeCount: 0,
    };
    if (total.kind === 'SUPPLY') {
      row.supplyTonnes = add(row.supplyTonnes, total.tonnesPerYear);
      row.supplyCount += total.pledgeCount;
    } else {
      row.uptakeTonnes = add(row.uptakeTonnes, total.tonnesPerYear);
      row.uptakeCount += total.pledgeCount;
    }
    byPolymer.set(total.polymer, row);
  }
  const position = (polymer: P) => {
    const index = polymerOrder.indexOf(polymer);
    return index === -1 ? polymerOrder.length : index;
  };
  const rows = [...byPolymer.values()].sort((a, b) => position(a.polymer) - position(b.polymer));
  let largestTonnes = zero;
  for (const row of rows) {
    for (const value of [row.supplyTonnes, row.uptakeTonnes]) {
      if (compareDecimal(value, largestTonnes) > 0) largestTonnes = value;
    }
  }
  return {
    rows,
    supplyTonnes: rows.reduce((sum, row) => add(sum, row.supplyTonnes), zero),
    supplyCount: rows.reduce((sum, row) => sum + row.supplyCount, 0),
    uptakeTonnes: rows.reduce((sum, row) => add(sum, row.uptakeTonnes), zero),
    uptakeCount: rows.reduce((sum, row) => sum + row.uptakeCount, 0),
    largestTonnes,
  };
}

/** A bar's length in percent of the largest figure (0 to 100), for drawing only. */
export function barPercent(tonnes: string, largestTonnes: string): number {
  return compareDecimal(largestTonnes, '0') > 0 ? shareToPercent(ratio(tonnes, largestTonnes)) : 0;
}
