import { SUPPORTED_LOCALES } from '@concord/schema/values';
import { QueryParameterError } from './export-query.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import type { CellTable } from './tabular-export.ts';

/**
 * Column headings and sheet names of the workbooks in the reader's language (docs/exports.md, "Headings in the
 * reader's language"): one JSON catalogue per language, held to English by tests/i18n. The field names (CSV
 * header, JSON keys, the workbook's second header row) never change with the language.
 */
type LabelKey = keyof typeof en;
const catalogues = new Map<string, Record<LabelKey, string>>([
  ['en', en],
  ['fr', fr],
  ['de', de],
]);

export const exportLanguages: readonly string[] = Object.freeze([...catalogues.keys()]);

/**
 * `?lang=fr`: the language of a workbook's headings; undefined without it. A language Concord does not write, or
 * the parameter given twice, is refused on `lang` as every other parameter is.
 */
export function parseExportLanguage(query: unknown): string | undefined {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const value = params.lang;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new QueryParameterError('lang', 'Give "lang" once.');
  const language = value.trim().toLowerCase();
  if (!catalogues.has(language)) {
    throw new QueryParameterError(
      'lang',
      `Unknown lang "${value.slice(0, 20)}": use one of ${SUPPORTED_LOCALES.join(', ')}.`,
    );
  }
  return language;
}

/** `table` with its sheet named and each column headed in `language`; the field names stay as they are. */
export function inLanguage(table: CellTable, language: string): CellTable {
  const catalogue = catalogues.get(language) ?? en;
  const label = (key: string) => (Object.hasOwn(catalogue, key) ? catalogue[key as LabelKey] : undefined);
  return {
    ...table,
    sheet: label(`sheet_${table.name}`) ?? table.sheet,
    columns: table.columns.map((c) => ({ ...c, label: label(`column_${c.labelKey ?? c.name}`) ?? c.name })),
  };
}
