import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { organisationKind, organisationSize, valueChainStage } from './enums.ts';

export const organisation = pgTable(
  'organisation',
  {
    id: id(),
    legalName: text('legal_name').notNull(),
    /** Lower-case, punctuation and legal-form words removed: what duplicate detection compares. */
    normalisedName: text('normalised_name').notNull(),
    country: text('country').notNull(),
    kind: organisationKind('kind').notNull(),
    size: organisationSize('size').notNull(),
    stages: valueChainStage('stages').array().notNull().default(sql`'{}'`),
    website: text('website'),
    registrationNumber: text('registration_number'),
    transparencyRegisterNumber: text('transparency_register_number'),
    ...timestamps(),
  },
  (t) => [
    check('organisation_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('organisation_legal_name_length', sql`length(${t.legalName}) between 1 and 300`),
    check(
      'organisation_transparency_register_format',
      sql`${t.transparencyRegisterNumber} is null or ${t.transparencyRegisterNumber} ~ '^[0-9]{9,12}-[0-9]{2}$'`,
    ),
    index('organisation_country_idx').on(t.country),
    index('organisation_normalised_name_idx').on(t.normalisedName, t.country),
    index('organisation_stages_idx').using('gin', t.stages),
  ],
);

export type Organisation = typeof organisation.$inferSelect;
export type NewOrganisation = typeof organisation.$inferInsert;
