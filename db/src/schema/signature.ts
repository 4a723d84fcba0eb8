import { sql } from 'drizzle-orm';
import { type AnyPgColumn, char, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { alliance } from './alliance.ts';
import { id, timestamps } from './columns.ts';
import { declarationVersion } from './declaration.ts';
import { signatureStatus } from './enums.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';

export const signature = pgTable(
  'signature',
  {
    id: id(),
    /** Denormalised from the declaration version so that "one live signature per alliance" is one index. */
    allianceId: uuid('alliance_id')
      .notNull()
      .references(() => alliance.id, { onDelete: 'cascade' }),
    declarationVersionId: uuid('declaration_version_id')
      .notNull()
      .references(() => declarationVersion.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id),
    signerPersonId: uuid('signer_person_id').references(() => person.id),
    signerName: text('signer_name').notNull(),
    signerJobTitle: text('signer_job_title').notNull(),
    /**
     * The text the signer read (docs/adr/0029): its language and SHA-256, the authentic text's or a translation's.
     * Null only in rows written without them (test fixtures); such a signer read the authentic text.
     */
    readLanguage: text('read_language'),
    readTextSha256: char('read_text_sha256', { length: 64 }),
    status: signatureStatus('status').notNull().default('pending_confirmation'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByPersonId: uuid('reviewed_by_person_id').references(() => person.id),
    /** When the signature became active: the date the register shows. */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    /**
     * The active signature of an earlier version that this one renews (docs/adr/0032): signed in one step by a
     * representative, active at once, and the earlier one `superseded` in the same transaction.
     */
    renewsSignatureId: uuid('renews_signature_id').references((): AnyPgColumn => signature.id),
    /** When a later signature of the organisation renewed this one. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    // One live (pending or active) signature per organisation and alliance: a race ends in one row.
    uniqueIndex('signature_one_live_per_organisation')
      .on(t.allianceId, t.organisationId)
      .where(sql`${t.status} in ('pending_confirmation', 'pending_review', 'active')`),
    index('signature_alliance_active_idx').on(t.allianceId, t.activatedAt, t.id).where(sql`${t.status} = 'active'`),
    index('signature_organisation_idx').on(t.organisationId),
    // A signature is renewed once: two re-signings racing end in one row.
    uniqueIndex('signature_renews_once').on(t.renewsSignatureId),
    check('signature_read_text_whole', sql`(${t.readLanguage} is null) = (${t.readTextSha256} is null)`),
    check('signature_read_text_sha_format', sql`${t.readTextSha256} ~ '^[0-9a-f]{64}$'`),
    check('signature_active_has_date', sql`${t.status} <> 'active' or ${t.activatedAt} is not null`),
    check('signature_rejected_has_reason', sql`${t.status} <> 'rejected' or ${t.rejectionReason} is not null`),
    check('signature_withdrawn_has_date', sql`${t.status} <> 'withdrawn' or ${t.withdrawnAt} is not null`),
    check('signature_superseded_has_date', sql`${t.status} <> 'superseded' or ${t.supersededAt} is not null`),
  ],
);

export type Signature = typeof signature.$inferSelect;
export type NewSignature = typeof signature.$inferInsert;
