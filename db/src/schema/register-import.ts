import { sql } from 'drizzle-orm';
import {
  char,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { createdAt, id } from './columns.ts';
import { registerImportStatus } from './enums.ts';
import { person } from './person.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file of the register a secretariat brings in (docs/register-import.md): checked on upload (the dry run, whose
 * fate of every row is kept in `rows`), then confirmed, which writes it all in one transaction. The file itself is
 * kept only until then: confirming clears `content`, so the names and addresses it carries live on in the register
 * alone.
 */
export const registerImport = pgTable(
  'register_import',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** `csv` or `xlsx`. */
    format: text('format').notNull(),
    /** For a CSV file, the one sheet it holds (`organisations`, `pledges`…); null for a workbook. */
    csvSheet: text('csv_sheet'),
    fileSha256: char('file_sha256', { length: 64 }).notNull(),
    byteSize: integer('byte_size').notNull(),
    content: bytea('content'),
    status: registerImportStatus('status').notNull().default('checked'),
    /** The dry run's totals by sheet and fate; after confirmation, what was written. */
    totals: jsonb('totals').notNull(),
    /** Every row's fate: `[{ sheet, line, key, fate, field, reason }]`, in the file's order. */
    rows: jsonb('rows').notNull(),
    uploadedByPersonId: uuid('uploaded_by_person_id').references(() => person.id),
    confirmedByPersonId: uuid('confirmed_by_person_id').references(() => person.id),
    createdAt: createdAt(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    index('register_import_alliance_idx').on(t.allianceId, t.createdAt),
    check('register_import_format', sql`${t.format} in ('csv', 'xlsx')`),
    check('register_import_sha_format', sql`${t.fileSha256} ~ '^[0-9a-f]{64}$'`),
    check('register_import_confirmed_has_date', sql`${t.status} <> 'confirmed' or ${t.confirmedAt} is not null`),
  ],
);

/**
 * What a key of an imported file stands for in the register: an organisation (`organisation_key`) or a pledge
 * (`pledge_key`), per alliance. Importing the same key again finds it here and writes nothing; the primary key
 * holds two confirmations at once to one row.
 */
export const registerImportKey = pgTable(
  'register_import_key',
  {
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    sheet: text('sheet').notNull(),
    key: text('key').notNull(),
    objectId: uuid('object_id').notNull(),
    importId: uuid('import_id')
      .notNull()
      .references(() => registerImport.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.sheet, t.key] }),
    check('register_import_key_sheet', sql`${t.sheet} in ('organisations', 'pledges')`),
    check('register_import_key_length', sql`length(${t.key}) between 1 and 100`),
  ],
);

export type RegisterImport = typeof registerImport.$inferSelect;
export type NewRegisterImport = typeof registerImport.$inferInsert;
export type RegisterImportKey = typeof registerImportKey.$inferSelect;

/**
 * An e-mail inviting a person the register import brought in (a representative of an imported organisation who
 * has never signed in) to Concord, sent once per alliance when the secretariat chose to: imports themselves e-mail
 * nobody. The primary key makes a second invitation, or two at once, send nothing more.
 */
export const registerInvitation = pgTable(
  'register_invitation',
  {
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    invitedByPersonId: uuid('invited_by_person_id').references(() => person.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.personId] })],
);

export type RegisterInvitation = typeof registerInvitation.$inferSelect;
