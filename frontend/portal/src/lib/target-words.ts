import type { TargetFlow } from '$lib/graphql/operations.generated';
import * as t from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

const words: Record<TargetFlow, (inputs: { tonnes: string; year: number }) => string> = {
  UPTAKE: m.target_uptake,
  SUPPLY: m.target_supply,
  BOTH: m.target_both,
};

/** A target in words: "10 Mt of recycled plastics used in new products every year by 2025". */
export const targetWords = (target: { tonnes: string; counts: TargetFlow; year: number }): string =>
  words[target.counts]({ tonnes: t.tonnes(target.tonnes), year: target.year });
