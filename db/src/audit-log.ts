/**
 * The audit log's head and the application's own check of the hash chain (docs/adr/0013).
 *
 * The check does not call the database's functions (`audit_verify_chain()`, `audit_event_hash()`): whoever owns
 * them can replace them. It recomputes every hash with PostgreSQL's built-ins under `search_path = pg_catalog`,
 * so nothing an owner creates can stand in for them, and compares the result with a head published earlier
 * (on `/audit/head`, in every issued PDF): an edit, a recomputed chain or removed newest events no longer reach it.
 */
import { desc, type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from './client.ts';
import { auditEvent } from './schema/index.ts';

/** The `prev_hash` of the first event, and the hash of an empty log. */
export const AUDIT_LOG_GENESIS_HASH = '0'.repeat(64);

/** One point of the chain: an event's number and hash (number 0 with the genesis hash: the empty log). */
export interface AuditLogPoint {
  seq: number;
  hash: string;
}

/** The newest event: what Concord publishes, so that anyone holding it can later ask whether the log still reaches it. */
export interface AuditLogHead extends AuditLogPoint {
  /** When the newest event was recorded; null for an empty log. */
  recordedAt: Date | null;
}

/** What can be wrong with an event, in the order the check looks. */
export type AuditLogBreakKind =
  /** Its number does not follow the one before: events before it were removed. */
  | 'missing_event'
  /** Its `prev_hash` is not the hash of the event before it. */
  | 'broken_link'
  /** Its content, hashed again, is not its `hash`: it was edited. */
  | 'altered_content';

export interface AuditLogBreak {
  seq: number;
  kind: AuditLogBreakKind;
}

export async function readAuditLogHead(db: Database): Promise<AuditLogHead> {
  const [row] = await db
    .select({ seq: auditEvent.seq, hash: auditEvent.hash, recordedAt: auditEvent.occurredAt })
    .from(auditEvent)
    .orderBy(desc(auditEvent.seq))
    .limit(1);
  return row ?? { seq: 0, hash: AUDIT_LOG_GENESIS_HASH, recordedAt: null };
}

/** The stored hash of one event, or null when the log has no event with that number. */
export async function readAuditEventHash(db: Database, seq: number): Promise<string | null> {
  if (seq === 0) return AUDIT_LOG_GENESIS_HASH;
  const [row] = await inPgCatalog(db, sql`SELECT e.hash::text AS hash FROM public.audit_event e WHERE e.seq = ${seq}`);
  return typeof row?.hash === 'string' ? row.hash : null;
}

/**
 * Recomputes the events after `after` (already checked; the genesis by default) up to `through`, and answers
 * the first that is wrong, or null. An event's hash covers the one before it, so when none is wrong, every
 * stored hash up to `through` is the hash of the content before it: nothing up to there changed since a head
 * on the way was published.
 */
export async function findAuditLogBreak(
  db: Database,
  { after = { seq: 0, hash: AUDIT_LOG_GENESIS_HASH }, through }: { after?: AuditLogPoint; through: number },
): Promise<AuditLogBreak | null> {
  // The same canonical content as audit_event_hash() (migration 0001, chain version 1) and audit_event_hash_v2()
  // (migration 0010, version 2: tagged, with the personal part's digest); audit-log.db.test.ts and
  // audit-personal.db.test.ts hold them together. An unknown version recomputes to null: altered.
  const fields = sql`e.prev_hash::text, e.seq::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.alliance_id::text, ''), coalesce(e.actor_person_id::text, ''),
    coalesce(e.actor_organisation_id::text, ''), e.action, e.object_type, e.object_id::text,
    coalesce(e.before::text, 'null'), coalesce(e.after::text, 'null')`;
  const [row] = await inPgCatalog(
    db,
    sql`
      WITH chain AS (
        SELECT e.seq, e.prev_hash::text AS prev_hash, e.hash::text AS hash,
          coalesce(lag(e.seq) OVER w, ${after.seq}) AS previous_seq,
          coalesce(lag(e.hash::text) OVER w, ${after.hash}) AS previous_hash,
          CASE e.chain_version
            WHEN 1 THEN encode(sha256(convert_to(concat_ws(chr(31), ${fields}), 'UTF8')), 'hex')
            WHEN 2 THEN encode(sha256(convert_to(concat_ws(chr(31), 'v2', ${fields},
              coalesce(e.personal_digest::text, '')), 'UTF8')), 'hex')
          END AS recomputed
        FROM public.audit_event e
        WHERE e.seq > ${after.seq} AND e.seq <= ${through}
        WINDOW w AS (ORDER BY e.seq)
      )
      SELECT c.seq::int AS seq, CASE
          WHEN c.seq <> c.previous_seq + 1 THEN 'missing_event'
          WHEN c.prev_hash <> c.previous_hash THEN 'broken_link'
          ELSE 'altered_content'
        END AS kind
      FROM chain c
      WHERE c.seq <> c.previous_seq + 1 OR c.prev_hash <> c.previous_hash OR c.hash IS DISTINCT FROM c.recomputed
      ORDER BY c.seq
      LIMIT 1`,
  );
  return row ? { seq: Number(row.seq), kind: row.kind as AuditLogBreakKind } : null;
}

/**
 * Runs one statement with only PostgreSQL's built-ins in reach: a function, operator or cast that the owner of
 * the schema (or of the database, through its search_path setting) put elsewhere cannot stand in.
 */
async function inPgCatalog(db: Database, statement: SQL): Promise<Record<string, unknown>[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL search_path TO pg_catalog`);
    return selectRows<Record<string, unknown>>(tx, statement);
  });
}
