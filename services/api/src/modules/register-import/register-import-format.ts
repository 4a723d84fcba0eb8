/**
 * The file format of a register import (docs/register-import.md): one sheet per kind of row, in the order they are
 * brought in, each with its columns. A CSV file holds one sheet; an XLSX workbook any of them, as sheets named
 * after them. Values are spelt as the API spells them (`COMPANY`, `RECYCLER;CONVERTER`), dates as ISO 8601 days.
 */
export const importSheets = [
  'organisations',
  'representatives',
  'signatures',
  'memberships',
  'pledges',
  'reports',
] as const;
export type ImportSheet = (typeof importSheets)[number];
export const isImportSheet = (value: string): value is ImportSheet =>
  (importSheets as readonly string[]).includes(value);

/** What happens to a row: written anew, tied to what the register has already, already imported, or refused. */
export const importFates = ['new', 'matched', 'unchanged', 'error'] as const;
export type ImportFate = (typeof importFates)[number];

export interface ImportColumn {
  name: string;
  isRequired: boolean;
  /** A value for the template's example row. */
  example: string;
}

const col = (name: string, example: string, isRequired = true): ImportColumn => ({ name, isRequired, example });

export const importColumns: Readonly<Record<ImportSheet, readonly ImportColumn[]>> = {
  organisations: [
    col('organisation_key', 'ORG-001'),
    col('legal_name', 'Polymer Recycling SA'),
    col('country', 'BE'),
    col('kind', 'COMPANY'),
    col('size', 'SME'),
    col('stages', 'RECYCLER;CONVERTER'),
    col('website', 'https://recycling.example', false),
    col('registration_number', 'BE0123456789'),
    col('transparency_register_number', '123456789012-34', false),
  ],
  representatives: [
    col('organisation_key', 'ORG-001'),
    col('name', 'Anna Peeters'),
    col('email', 'anna.peeters@recycling.example'),
    col('job_title', 'Sustainability manager', false),
  ],
  signatures: [
    col('organisation_key', 'ORG-001'),
    col('declaration_version', '1'),
    col('signed_on', '2019-09-20'),
    col('signer_name', 'Anna Peeters'),
    col('signer_job_title', 'Chief executive'),
  ],
  memberships: [
    col('organisation_key', 'ORG-001'),
    col('working_group', 'packaging'),
    col('role', 'MEMBER'),
    col('joined_on', '2019-10-01'),
  ],
  pledges: [
    col('pledge_key', 'PLEDGE-001'),
    col('organisation_key', 'ORG-001'),
    col('kind', 'SUPPLY'),
    col('polymer', 'PET'),
    col('sector', 'PACKAGING'),
    col('tonnes_per_year', '12500'),
    col('target_year', '2025'),
    col('baseline_tonnes', '4000', false),
    col('baseline_year', '2016', false),
    col('conditions', '', false),
    col('working_group', 'packaging', false),
    col('accepted_on', '2019-11-15'),
  ],
  reports: [
    col('pledge_key', 'PLEDGE-001'),
    col('year', '2021'),
    col('tonnes_achieved', '9800.5'),
    col('evidence_scheme', 'RecyClass', false),
    col('certificate_number', 'RC-2021-0042', false),
    col('auditor', 'Audit Partners', false),
    col('validated_on', '2022-04-30'),
  ],
};

/** A header as people type it: `Legal name`, `legal-name` and `LEGAL_NAME` are `legal_name`. */
export const normaliseHeader = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** A sheet's name as people type it: `Organisations`, ` PLEDGES ` are `organisations`, `pledges`. */
export const normaliseSheetName = (name: string): string => name.trim().toLowerCase();

/** The most rows a file may hold in all: 5,000 organisations with four pledges each fit well. */
export const MAX_IMPORT_ROWS = 100_000;
/**
 * The largest file accepted, CSV or XLSX: 5,000 organisations with 20,000 pledges are about 2 MB of CSV and less as a
 * workbook. The portal's own body limit (BODY_SIZE_LIMIT, 6 MB) sits just above it.
 */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
