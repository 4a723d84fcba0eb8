import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps } from './columns.ts';
import { duplicateReason, organisationKind, organisationSize, valueChainStage } from './enums.ts';

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
    /**
     * Set when the secretariat merged this organisation into another (a duplicate): its signatures, memberships,
     * pledges and representatives moved there, and its id now leads to that one.
     */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => organisation.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    check('organisation_not_merged_into_itself', sql`${t.mergedIntoId} <> ${t.id}`),
    check('organisation_merged_at_with_target', sql`(${t.mergedIntoId} is null) = (${t.mergedAt} is null)`),
    check('organisation_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('organisation_legal_name_length', sql`length(${t.legalName}) between 1 and 300`),
    check(
      'organisation_transparency_register_format',
      sql`${t.transparencyRegisterNumber} is null or ${t.transparencyRegisterNumber} ~ '^[0-9]{9,12}-[0-9]{2}$'`,
    ),
    index('organisation_country_idx').on(t.country),
    index('organisation_normalised_name_idx').on(t.normalisedName, t.country),
    index('organisation_registration_number_idx').on(t.registrationNumber),
    index('organisation_stages_idx').using('gin', t.stages),
  ],
);

export type Organisation = typeof organisation.$inferSelect;
export type NewOrganisation = typeof organisation.$inferInsert;

/**
 * A possible duplicate, found when an organisation registers: flagged to the secretariat, never merged
 * silently (two branches of one group may rightly sign separately).
 */
export const organisationDuplicateFlag = pgTable(
  'organisation_duplicate_flag',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    duplicateOfId: uuid('duplicate_of_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    reason: duplicateReason('reason').notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    unique('organisation_duplicate_flag_pair_unique').on(t.organisationId, t.duplicateOfId, t.reason),
    check('organisation_duplicate_flag_not_self', sql`${t.organisationId} <> ${t.duplicateOfId}`),
  ],
);

export type OrganisationDuplicateFlag = typeof organisationDuplicateFlag.$inferSelect;
