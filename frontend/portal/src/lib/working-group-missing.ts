import type { ValueChainStage } from '$lib/graphql/operations.generated';
import * as t from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { inValueChainOrder } from './domain';

/**
 * Who is missing from a working group, in words: "No recycler and no trade union yet; no member from Cyprus
 * and Malta." Recruiting where under-represented actors are starts with saying who they are (DOMAIN.md).
 */

const missingStage: Record<ValueChainStage, () => string> = {
  POLYMER_PRODUCER: m.wg_missing_stage_polymer_producer,
  CONVERTER: m.wg_missing_stage_converter,
  BRAND_OWNER: m.wg_missing_stage_brand_owner,
  RETAILER: m.wg_missing_stage_retailer,
  CONSUMER_ORGANISATION: m.wg_missing_stage_consumer_organisation,
  COLLECTOR_SORTER: m.wg_missing_stage_collector_sorter,
  RECYCLER: m.wg_missing_stage_recycler,
  REUSER: m.wg_missing_stage_reuser,
  PUBLIC_AUTHORITY: m.wg_missing_stage_public_authority,
  TRADE_UNION: m.wg_missing_stage_trade_union,
  STANDARDISATION_BODY: m.wg_missing_stage_standardisation_body,
  RESEARCH: m.wg_missing_stage_research,
};

/** "a, b and c" in the reader's language. */
export function listOf(items: readonly string[]): string {
  return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(items);
}

/** The sentence's first letter as a capital, the way the locale writes it. */
export function capitalise(sentence: string): string {
  const first = sentence.codePointAt(0);
  if (first === undefined) return sentence;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase(getLocale()) + sentence.slice(char.length);
}

export function whoIsMissing(stages: readonly ValueChainStage[], countryCodes: readonly string[]): string {
  const collator = new Intl.Collator(getLocale());
  const stageWords = listOf(inValueChainOrder(stages).map((stage) => missingStage[stage]()));
  const countryWords = listOf(countryCodes.map((code) => t.country(code)).sort((a, b) => collator.compare(a, b)));
  if (stages.length > 0 && countryCodes.length > 0) {
    return capitalise(m.wg_missing_both({ stages: stageWords, countries: countryWords }));
  }
  if (stages.length > 0) return capitalise(m.wg_missing_stages_only({ stages: stageWords }));
  if (countryCodes.length > 0) return m.wg_missing_countries_only({ countries: countryWords });
  return m.wg_missing_none();
}
