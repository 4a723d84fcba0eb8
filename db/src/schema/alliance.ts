import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps } from './columns.ts';
import { allianceRole, applicationSector, polymer, targetFlow } from './enums.ts';
import { person } from './person.ts';

/** Tonnes are exact: numeric(14,3) holds up to 99 Gt to the kilogram. */
export const tonnes = (name: string) => numeric(name, { precision: 14, scale: 3 });

export const alliance = pgTable(
  'alliance',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    purpose: text('purpose').notNull(),
    /**
     * The headline target: `targetTonnes` a year by `targetYear` of the pledges `targetFlow` counts: supply, uptake,
     * or both, of which the lesser counts (docs/adr/0034-a-target-of-both-flows.md).
     */
    targetTonnes: tonnes('target_tonnes').notNull(),
    targetFlow: targetFlow('target_flow').notNull(),
    targetYear: integer('target_year').notNull(),
    baselineYear: integer('baseline_year').notNull(),
    baselineTonnes: tonnes('baseline_tonnes'),
    /** The first day (UTC) the target above applied; the targets before it are in `alliance_target_history`. */
    targetAppliesFrom: date('target_applies_from').notNull().default(sql`(now() at time zone 'utc')::date`),
    /** The secretariat's address for the public and the signatories (a shared mailbox, not a person's). */
    contactEmail: text('contact_email'),
    /** BCP 47 tags of the languages the alliance works in (`ALLIANCE_LANGUAGES` of @concord/schema/values), the first its main one. */
    /** The IANA time zone the alliance meets in, and the default for its people's invitations. */
    timeZone: text('time_zone').notNull().default('Europe/Brussels'),
    languages: text('languages').array().notNull().default(sql`'{en}'::text[]`),
    /**
     * The signing window: the first and last day (UTC, both inclusive) on which the declaration in force can be
     * signed; null: no limit on that side (modules/signing/signing-window.ts).
     */
    signingOpensOn: date('signing_opens_on'),
    signingClosesOn: date('signing_closes_on'),
    ...timestamps(),
  },
  (t) => [
    check('alliance_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('alliance_target_positive', sql`${t.targetTonnes} > 0`),
    check('alliance_target_after_baseline', sql`${t.targetYear} >= ${t.baselineYear}`),
    check(
      'alliance_contact_email_shape',
      sql`${t.contactEmail} is null or (${t.contactEmail} ~ '^[^@\\s]+@[^@\\s]+$' and length(${t.contactEmail}) <= 254)`,
    ),
    check('alliance_languages_present', sql`cardinality(${t.languages}) between 1 and 24`),
    check(
      'alliance_signing_window',
      sql`${t.signingClosesOn} is null or ${t.signingOpensOn} is null or ${t.signingClosesOn} >= ${t.signingOpensOn}`,
    ),
  ],
);

/**
 * The targets an alliance had before the one in force (on `alliance`), each with the days it applied: from
 * `appliedFrom` until the day before `replacedOn`. Written once, when the secretariat changes the target.
 */
export const allianceTargetHistory = pgTable(
  'alliance_target_history',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    targetTonnes: tonnes('target_tonnes').notNull(),
    targetFlow: targetFlow('target_flow').notNull(),
    targetYear: integer('target_year').notNull(),
    baselineYear: integer('baseline_year').notNull(),
    baselineTonnes: tonnes('baseline_tonnes'),
    appliedFrom: date('applied_from').notNull(),
    /** The first day of the target that replaced it; the same day as `appliedFrom` for a same-day correction. */
    replacedOn: date('replaced_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('alliance_target_history_alliance_idx').on(t.allianceId, t.appliedFrom),
    check('alliance_target_history_positive', sql`${t.targetTonnes} > 0`),
    check('alliance_target_history_after_baseline', sql`${t.targetYear} >= ${t.baselineYear}`),
    check('alliance_target_history_period', sql`${t.replacedOn} >= ${t.appliedFrom}`),
  ],
);

/**
 * An optional sub-target of an alliance, by polymer and/or application sector, set by the secretariat (its changes
 * are in the audit log: docs/adr/0034-a-target-of-both-flows.md). Its label names it, once per alliance.
 */
export const allianceSubTarget = pgTable(
  'alliance_sub_target',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    polymer: polymer('polymer'),
    sector: applicationSector('sector'),
    targetTonnes: tonnes('target_tonnes').notNull(),
    targetYear: integer('target_year').notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('alliance_sub_target_label_idx').on(t.allianceId, t.label),
    check('alliance_sub_target_positive', sql`${t.targetTonnes} > 0`),
    check('alliance_sub_target_scope', sql`${t.polymer} is not null or ${t.sector} is not null`),
  ],
);

/** Secretariat staff and administrators of an alliance. */
export const allianceStaff = pgTable(
  'alliance_staff',
  {
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    role: allianceRole('role').notNull(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.personId] }), index('alliance_staff_person_idx').on(t.personId)],
);

export type Alliance = typeof alliance.$inferSelect;
export type NewAlliance = typeof alliance.$inferInsert;
export type AllianceSubTarget = typeof allianceSubTarget.$inferSelect;
export type AllianceTargetHistory = typeof allianceTargetHistory.$inferSelect;
