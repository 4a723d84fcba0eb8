import type { schema } from '@concord/db';
import { tonnesToKg } from './decimal.ts';

/**
 * Which pledges count toward a target: the one home of the rule (docs/adr/0034-a-target-of-both-flows.md). A
 * target of one flow counts that flow. A target of both measures supply and uptake each against it and counts
 * the lesser: a recycler's supplied tonne is a converter's used tonne, so adding the two would count it twice,
 * and the market for recycled plastics is as far as its weaker side. On a tie (and with nothing yet) uptake,
 * recycled plastics actually used in products. Every progress figure (the headline, its years, the breakdowns,
 * the sub-targets, the secretariat's working figure, the exports and the PDF) asks this function.
 */
export function countedFlow(counts: schema.TargetFlow, figures: { supply: string; uptake: string }): schema.PledgeKind {
  if (counts !== 'both') return counts;
  return tonnesToKg(figures.supply) < tonnesToKg(figures.uptake) ? 'supply' : 'uptake';
}

/** The figure that counts of a pair measured per flow (see countedFlow). */
export function countedTonnes(counts: schema.TargetFlow, figures: { supply: string; uptake: string }): string {
  return figures[countedFlow(counts, figures)];
}

/** The flows a target looks at: for a target of both, each of them. */
export const flowsOf = (counts: schema.TargetFlow): schema.PledgeKind[] =>
  counts === 'both' ? ['supply', 'uptake'] : [counts];
