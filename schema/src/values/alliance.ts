/**
 * What an alliance is set up with, checked the same way by the API and the portal: its slug (the word in its
 * addresses), its languages, and the years its target may name.
 */

/** Lower-case words of letters and digits joined by single hyphens, as in `/alliances/circular-plastics`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
/** Words the portal uses for pages of its own under `/alliances/`. */
export const RESERVED_SLUGS = ['new'] as const;

export type SlugResult = { ok: true; slug: string } | { ok: false; message: string };

export function parseSlug(value: string): SlugResult {
  const slug = value.trim();
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) {
    return { ok: false, message: `From ${SLUG_MIN} to ${SLUG_MAX} characters.` };
  }
  if (!SLUG_PATTERN.test(slug)) {
    return {
      ok: false,
      message: 'Lower-case letters (a–z) and digits, words joined by single hyphens, such as circular-plastics.',
    };
  }
  if ((RESERVED_SLUGS as readonly string[]).includes(slug)) {
    return { ok: false, message: `"${slug}" is taken by a page of the portal; choose another.` };
  }
  return { ok: true, slug };
}

/**
 * The languages an alliance may work in: the 24 official languages of the European Union, as BCP 47 tags, each
 * named in itself (a reader looks for their own language by its own name).
 */
export const ALLIANCE_LANGUAGES = {
  bg: 'български',
  cs: 'čeština',
  da: 'dansk',
  de: 'Deutsch',
  el: 'ελληνικά',
  en: 'English',
  es: 'español',
  et: 'eesti',
  fi: 'suomi',
  fr: 'français',
  ga: 'Gaeilge',
  hr: 'hrvatski',
  hu: 'magyar',
  it: 'italiano',
  lt: 'lietuvių',
  lv: 'latviešu',
  mt: 'Malti',
  nl: 'Nederlands',
  pl: 'polski',
  pt: 'português',
  ro: 'română',
  sk: 'slovenčina',
  sl: 'slovenščina',
  sv: 'svenska',
} as const;
export type AllianceLanguage = keyof typeof ALLIANCE_LANGUAGES;
export const allianceLanguages = Object.keys(ALLIANCE_LANGUAGES) as AllianceLanguage[];
export const isAllianceLanguage = (value: string): value is AllianceLanguage =>
  Object.hasOwn(ALLIANCE_LANGUAGES, value);

/** The years a target (and its baseline) may name. */
export const TARGET_YEAR_MIN = 2000;
export const TARGET_YEAR_MAX = 2100;
export const BASELINE_YEAR_MIN = 1990;
