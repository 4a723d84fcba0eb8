import { countryCodes } from '$lib/domain';
import * as t from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * The countries a filter offers, by name: all of them, as organisations from outside the EU sign too. A country outside the list (typed into the URL) still shows, so the
 * form says what was asked.
 */
export function countryOptions(asked: string): { value: string; label: string }[] {
  const collator = new Intl.Collator(getLocale());
  const codes: string[] = [...countryCodes];
  if (asked && !codes.includes(asked)) codes.push(asked);
  return codes
    .map((code) => ({ value: code, label: t.country(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
