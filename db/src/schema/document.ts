import { sql } from 'drizzle-orm';
import {
  char,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { createdAt, id } from './columns.ts';
import { documentKind } from './enums.ts';
import { signature } from './signature.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

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
    /** The PDF itself: served as issued, so the copy anyone downloads is the one whose hash is registered. */
    content: bytea('content').notNull(),
    filename: text('filename').notNull(),
    language: text('language').notNull().default('en'),
    /**
     * What the document was rendered from (for a declaration: its version and the signatory list's state),
     * so the same state is served from the stored copy instead of being rendered and registered again.
     */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    /**
     * When the file was erased because it names a person whose personal data was erased (a certificate names its
     * signer): `content` is then empty, while the entry (its SHA-256, title, date) stays verifiable.
     */
    contentErasedAt: timestamp('content_erased_at', { withTimezone: true }),
  },
  (t) => [
    check('document_sha_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check(
      'document_certificate_has_signature',
      sql`${t.kind} <> 'signature_certificate' or ${t.signatureId} is not null`,
    ),
    index('document_signature_idx').on(t.signatureId),
    uniqueIndex('document_source_unique').on(t.allianceId, t.kind, t.sourceKey),
  ],
);

export type Document = typeof document.$inferSelect;
