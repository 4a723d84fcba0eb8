import { sql } from 'drizzle-orm';
import { char, check, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { declarationStatus } from './enums.ts';

/**
 * One version of an alliance's declaration. A signature points at the exact version it accepted. When it can be
 * signed is the alliance's signing window (`alliance.signing_opens_on`/`signing_closes_on`).
 */
export const declarationVersion = pgTable(
  'declaration_version',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    /** SHA-256 of `text` (UTF-8), hex: what a signature certificate quotes. */
    textSha256: char('text_sha256', { length: 64 }).notNull(),
    language: text('language').notNull().default('en'),
    status: declarationStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    unique('declaration_version_alliance_version_unique').on(t.allianceId, t.version),
    // One draft at a time: the next version, which the secretariat edits until it publishes it.
    uniqueIndex('declaration_version_one_draft').on(t.allianceId).where(sql`${t.status} = 'draft'`),
    check('declaration_version_positive', sql`${t.version} >= 1`),
    check('declaration_version_sha_format', sql`${t.textSha256} ~ '^[0-9a-f]{64}$'`),
    // The hash a certificate quotes is the hash of the text, whoever wrote the row.
    check(
      'declaration_version_sha_of_text',
      sql`${t.textSha256} = encode(sha256(convert_to(${t.text}, 'UTF8')), 'hex')`,
    ),
    check('declaration_version_published_has_date', sql`${t.status} = 'draft' or ${t.publishedAt} is not null`),
  ],
);

/**
 * A translation of one declaration version into another of the alliance's languages (docs/adr/0029). The version's
 * own text is the authentic one; a translation is read, and its SHA-256 quoted, but the authentic text is what is
 * signed. `source_sha256` is the hash of the authentic text it was made from: a draft's text may change after it.
 * On a draft the secretariat replaces or removes it; once its version is published it is final (a trigger).
 */
export const declarationTranslation = pgTable(
  'declaration_translation',
  {
    id: id(),
    declarationVersionId: uuid('declaration_version_id')
      .notNull()
      .references(() => declarationVersion.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    /** SHA-256 of `text` (UTF-8), hex, computed as the authentic text's is. */
    textSha256: char('text_sha256', { length: 64 }).notNull(),
    /** The authentic text's SHA-256 when this was made from it. */
    sourceSha256: char('source_sha256', { length: 64 }).notNull(),
    ...timestamps(),
  },
  (t) => [
    unique('declaration_translation_one_per_language').on(t.declarationVersionId, t.language),
    check('declaration_translation_sha_format', sql`${t.textSha256} ~ '^[0-9a-f]{64}$'`),
    check('declaration_translation_source_format', sql`${t.sourceSha256} ~ '^[0-9a-f]{64}$'`),
    check(
      'declaration_translation_sha_of_text',
      sql`${t.textSha256} = encode(sha256(convert_to(${t.text}, 'UTF8')), 'hex')`,
    ),
  ],
);

export type DeclarationVersion = typeof declarationVersion.$inferSelect;
export type NewDeclarationVersion = typeof declarationVersion.$inferInsert;
export type DeclarationTranslation = typeof declarationTranslation.$inferSelect;
