import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns.ts';
import { allianceRole, applicationSector, pledgeKind, polymer } from './enums.ts';
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
    /** The headline target: `targetTonnes` a year of the `targetFlow` kind by `targetYear`. */
    targetTonnes: tonnes('target_tonnes').notNull(),
    targetFlow: pledgeKind('target_flow').notNull(),
    targetYear: integer('target_year').notNull(),
    baselineYear: integer('baseline_year').notNull(),
    baselineTonnes: tonnes('baseline_tonnes'),
    ...timestamps(),
  },
  (t) => [
    check('alliance_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('alliance_target_positive', sql`${t.targetTonnes} > 0`),
    check('alliance_target_after_baseline', sql`${t.targetYear} >= ${t.baselineYear}`),
  ],
);

/** An optional sub-target of an alliance, by polymer and/or application sector. */
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
    index('alliance_sub_target_alliance_idx').on(t.allianceId),
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
