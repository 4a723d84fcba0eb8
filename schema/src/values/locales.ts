/**
 * The languages Concord is written in: the portal's messages, the e-mails and the documents each have a catalogue
 * for every one of them (`tests/i18n` holds them to English). English is the reference and the fallback.
 * Adding a language adds its tag here and its catalogue files; nothing else.
 */
export const SUPPORTED_LOCALES = ['en', 'fr', 'de'] as const;

export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export const BASE_LOCALE: SupportedLocale = 'en';

export const isSupportedLocale = (tag: string): tag is SupportedLocale =>
  (SUPPORTED_LOCALES as readonly string[]).includes(tag);
