import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { createdAt, id } from './columns.ts';
import { documentKind } from './enums.ts';
import { signature } from './signature.ts';

/** Every generated PDF, recorded with its SHA-256 so that anyone can verify a copy. */
export const document = pgTable(
  'document',
  {
    id: id(),
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    kind: documentKind('kind').notNull(),
    signatureId: uuid('signature_id').references(() => signature.id),
    title: text('title').notNull(),
    sha256: char('sha256', { length: 64 }).notNull().unique(),
    byteSize: integer('byte_size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('document_sha_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('document_certificate_has_signature', sql`${t.kind} <> 'signature_certificate' or ${t.signatureId} is not null`),
    index('document_signature_idx').on(t.signatureId),
  ],
);

export type Document = typeof document.$inferSelect;
