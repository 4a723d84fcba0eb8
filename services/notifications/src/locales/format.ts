/** Numbers and dates as a catalogue's language writes them, for the catalogues other than English's own. */

/** `12500.500` → `12 500,5 t` (fr), `12.500,5 t` (de): exact, from the decimal text (never through a float). */
export function tonnesIn(locale: string, decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const format = new Intl.NumberFormat(locale);
  const separator = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const kept = fraction.replace(/0+$/, '');
  return `${format.format(BigInt(whole))}${kept ? `${separator}${kept}` : ''}\u00a0t`;
}

/** `2025-03-31` → `31 mars 2025` (fr), `31. März 2025` (de). */
export function longDateIn(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Picks the form for `n` by the language's plural rules: `plural('fr', 2, { one: 'jour', other: 'jours' })`. */
export function plural(
  locale: string,
  n: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string },
) {
  const form = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
  return `${new Intl.NumberFormat(locale).format(n)}\u00a0${form}`;
}

/** `['A', 'B', 'C']` → `A, B and C` (en), `A, B et C` (fr), `A, B und C` (de). */
export function names(locale: string, list: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(list);
}
