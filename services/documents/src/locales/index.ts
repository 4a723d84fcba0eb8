import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

/**
 * The documents' strings, one JSON catalogue per language (`tests/i18n` holds each to English). A document is
 * written in its reader's language: an exact match, else the language of a regional tag (`fr-BE`), else English.
 */
export type DocumentMessageKey = keyof typeof en;
const catalogues = new Map<string, Record<DocumentMessageKey, string>>([
  ['en', en],
  ['fr', fr],
  ['de', de],
]);

/** Whether `key` is one of the catalogues' keys (English has them all; the tests hold the others to it). */
export function isDocumentMessageKey(key: string): key is DocumentMessageKey {
  return Object.hasOwn(en, key);
}

export const documentLocales: readonly string[] = Object.freeze([...catalogues.keys()]);

/** The language a document for `locale` is written in. */
export function documentLocaleFor(locale: string): string {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  const language = tag.split('-')[0] ?? '';
  return catalogues.has(tag) ? tag : catalogues.has(language) ? language : 'en';
}

/** The messages of one language, `{name}` placeholders filled in. */
export function documentMessages(locale: string) {
  const catalogue = catalogues.get(documentLocaleFor(locale)) ?? en;
  return (key: DocumentMessageKey, values: Record<string, string | number> = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** Singular-or-plural messages: `<key>_one` and `<key>_other`, chosen by the language's plural rules. */
type PluralKey = DocumentMessageKey extends infer K ? (K extends `${infer Base}_one` ? Base : never) : never;

/** The messages of one language with a plural picker: `plural('declaration_end', 3, { count })`. */
export function documentPlurals(locale: string) {
  const language = documentLocaleFor(locale);
  const t = documentMessages(language);
  const rules = new Intl.PluralRules(language);
  return (key: PluralKey, n: number, values: Record<string, string | number> = {}) =>
    t(`${key}_${rules.select(n) === 'one' ? 'one' : 'other'}` as DocumentMessageKey, values);
}
