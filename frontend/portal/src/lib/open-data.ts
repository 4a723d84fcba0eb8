import { m } from '$lib/paraglide/messages.js';

/**
 * The open-data files the API serves, described once: where each one is, in which formats, and what every
 * field means. The /open-data page documents them from here and the progress pages link to them, so the
 * two cannot drift apart. Field names are the files' own (identifiers, not words to translate).
 */

export const exportFormats = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export type ExportFile = 'progress' | 'signatories' | 'pledges';

/**
 * A file's address. A workbook is for people: with `language` (the page's) its columns are headed in it above
 * the field names (`lang`); CSV and JSON are for programs and keep the field names alone.
 */
export const exportHref = (file: ExportFile, format: ExportFormat, slug: string, language?: string) =>
  `/exports/${file}.${format}?alliance=${encodeURIComponent(slug)}${withLanguage(format, language)}`;

/** `&lang=…` for a workbook in `language`; nothing for the other formats. */
export const withLanguage = (format: string, language?: string) =>
  format === 'xlsx' && language ? `&lang=${encodeURIComponent(language)}` : '';

export const formatLabel: Record<ExportFormat, () => string> = {
  csv: m.opendata_format_csv,
  xlsx: m.opendata_format_xlsx,
  json: m.opendata_format_json,
};

export type FieldType = 'id' | 'text' | 'code' | 'decimal' | 'fraction' | 'integer' | 'date' | 'dateTime' | 'list';

export const fieldTypes: readonly { type: FieldType; label: () => string; description: () => string }[] = [
  { type: 'id', label: m.opendata_type_id, description: m.opendata_type_id_description },
  { type: 'text', label: m.opendata_type_text, description: m.opendata_type_text_description },
  { type: 'code', label: m.opendata_type_code, description: m.opendata_type_code_description },
  { type: 'decimal', label: m.opendata_type_decimal, description: m.opendata_type_decimal_description },
  { type: 'fraction', label: m.opendata_type_fraction, description: m.opendata_type_fraction_description },
  { type: 'integer', label: m.opendata_type_integer, description: m.opendata_type_integer_description },
  { type: 'date', label: m.opendata_type_date, description: m.opendata_type_date_description },
  { type: 'dateTime', label: m.opendata_type_date_time, description: m.opendata_type_date_time_description },
  { type: 'list', label: m.opendata_type_list, description: m.opendata_type_list_description },
];

export const fieldTypeLabel = (type: FieldType) => fieldTypes.find((f) => f.type === type)?.label() ?? type;

export interface FieldDoc {
  /** The CSV column, the JSON key and the XLSX header: the files use one name in every format. */
  name: string;
  type: FieldType;
  description: () => string;
  /** Only the JSON file has it. */
  isJsonOnly?: boolean;
}

export interface TableDoc {
  /** For a file of several tables: the key of its array in the JSON file. */
  name: string;
  description: () => string;
  fields: readonly FieldDoc[];
}

export interface DownloadDoc {
  file: ExportFile;
  title: () => string;
  description: () => string;
  /** How the three formats hold the tables, where they differ. */
  layout: () => string;
  /** Query parameters besides `alliance`, as `name`: meaning. */
  parameters: readonly { name: string; description: () => string }[];
  tables: readonly TableDoc[];
}

const field = (name: string, type: FieldType, description: () => string, isJsonOnly = false): FieldDoc => ({
  name,
  type,
  description,
  ...(isJsonOnly ? { isJsonOnly } : {}),
});

/** `lang`, which every file takes: a workbook's headings in the reader's language (docs/exports.md). */
const languageParameter = { name: 'lang', description: m.opendata_parameter_lang };

export const downloads: readonly DownloadDoc[] = [
  {
    file: 'progress',
    title: m.opendata_progress_title,
    description: m.opendata_progress_description,
    layout: m.opendata_progress_layout,
    parameters: [languageParameter],
    tables: [
      {
        name: 'years',
        description: m.opendata_progress_years,
        fields: [
          field('year', 'integer', m.opendata_field_year),
          field('achieved_tonnes', 'decimal', m.opendata_field_achieved_tonnes),
          field('report_count', 'integer', m.opendata_field_report_count),
          field('share', 'fraction', m.opendata_field_share),
          field('target_tonnes', 'decimal', m.opendata_field_target_tonnes),
          field('target_year', 'integer', m.opendata_field_target_year),
          field('target_flow', 'code', m.opendata_field_target_flow),
          field('counted_flow', 'code', m.opendata_field_counted_flow),
          field('pledged_supply_tonnes', 'decimal', m.opendata_field_pledged_supply_tonnes),
          field('pledged_uptake_tonnes', 'decimal', m.opendata_field_pledged_uptake_tonnes),
        ],
      },
      {
        name: 'supply_uptake_gap',
        description: m.opendata_progress_gap,
        fields: [
          field('polymer', 'code', m.opendata_field_polymer),
          field('supply_tonnes', 'decimal', m.opendata_field_supply_tonnes),
          field('uptake_tonnes', 'decimal', m.opendata_field_uptake_tonnes),
          field('gap_tonnes', 'decimal', m.opendata_field_gap_tonnes),
        ],
      },
    ],
  },
  {
    file: 'signatories',
    title: m.opendata_signatories_title,
    description: m.opendata_signatories_description,
    layout: m.opendata_signatories_layout,
    parameters: [languageParameter],
    tables: [
      {
        name: 'signatories',
        description: m.opendata_signatories_table,
        fields: [
          field('organisation_id', 'id', m.opendata_field_organisation_id),
          field('legal_name', 'text', m.opendata_field_legal_name),
          field('country', 'code', m.opendata_field_country),
          field('kind', 'code', m.opendata_field_organisation_kind),
          field('size', 'code', m.opendata_field_size),
          field('stages', 'list', m.opendata_field_stages),
          field('working_groups', 'list', m.opendata_field_working_groups),
          field('active_since', 'dateTime', m.opendata_field_active_since),
          field('declaration_version', 'integer', m.opendata_field_declaration_version),
          field('reporting_status', 'code', m.opendata_field_reporting_status),
        ],
      },
    ],
  },
  {
    file: 'pledges',
    title: m.opendata_pledges_title,
    description: m.opendata_pledges_description,
    layout: m.opendata_pledges_layout,
    parameters: [
      { name: 'kind', description: m.opendata_parameter_kind },
      { name: 'polymer', description: m.opendata_parameter_polymer },
      { name: 'sector', description: m.opendata_parameter_sector },
      { name: 'workingGroup', description: m.opendata_parameter_working_group },
      { name: 'country', description: m.opendata_parameter_country },
      languageParameter,
    ],
    tables: [
      {
        name: 'pledges',
        description: m.opendata_pledges_table,
        fields: [
          field('pledge_id', 'id', m.opendata_field_pledge_id),
          field('organisation', 'text', m.opendata_field_organisation_name),
          field('country', 'code', m.opendata_field_country),
          field('organisation_kind', 'code', m.opendata_field_organisation_kind),
          field('kind', 'code', m.opendata_field_pledge_kind),
          field('polymer', 'code', m.opendata_field_polymer),
          field('sector', 'code', m.opendata_field_sector),
          field('tonnes_per_year', 'decimal', m.opendata_field_tonnes_per_year),
          field('target_year', 'integer', m.opendata_field_pledge_target_year),
          field('baseline_tonnes', 'decimal', m.opendata_field_baseline_tonnes),
          field('baseline_year', 'integer', m.opendata_field_baseline_year),
          field('working_group', 'code', m.opendata_field_working_group),
          field('version', 'integer', m.opendata_field_version),
          field('accepted_on', 'date', m.opendata_field_accepted_on),
          field('organisation_id', 'id', m.opendata_field_organisation_id),
          field('conditions', 'text', m.opendata_field_conditions),
        ],
      },
    ],
  },
];

export const downloadOf = (file: ExportFile) => downloads.find((d) => d.file === file);
