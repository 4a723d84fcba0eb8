import { countryName } from './formats.ts';
import { documentLocaleFor, documentMessages, isDocumentMessageKey } from './locales/index.ts';

/**
 * The names of a progress report's rows in its language, for whoever gathers its figures: application sectors
 * and organisation kinds by their register codes, countries by ISO code, the row of pledges without a group.
 * A code the catalogue does not know is shown as given.
 */
export function progressLabels(locale: string) {
  const language = documentLocaleFor(locale);
  const t = documentMessages(language);
  const named = (key: string, code: string) => (isDocumentMessageKey(key) ? t(key) : code);
  return {
    sector: (code: string) => named(`sector_${code}`, code),
    organisationKind: (code: string) => named(`organisation_kind_${code}`, code),
    country: (code: string) => countryName(code, language),
    noWorkingGroup: t('progress_no_working_group'),
  };
}
