import type { EmailCatalogue } from '../email-content.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

/** Keyed by primary language subtag. Add a language: copy `en.ts`, translate, list it here. */
const catalogues = new Map<string, EmailCatalogue>([
  ['en', en],
  ['fr', fr],
  ['de', de],
]);

export const supportedLocales: readonly string[] = Object.freeze([...catalogues.keys()]);

/** The catalogue for a BCP 47 tag: an exact match, else its language (`fr-BE` → `fr`), else English. */
export function catalogueFor(locale: string): EmailCatalogue {
  const tag = locale.trim().toLowerCase().replace(/_/g, '-');
  const language = tag.split('-')[0] ?? '';
  return catalogues.get(tag) ?? catalogues.get(language) ?? en;
}
