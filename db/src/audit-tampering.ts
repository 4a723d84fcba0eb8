/**
 * What whoever owns the audit log's table and functions can do to it, for the tests that prove it shows
 * (audit-log.db.test.ts, the role tests). Each works on any handle whose role may: a superuser, or the owner.
 * Test support only: nothing in the service imports it.
 */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from './client.ts';

/** Switches the append-only guard off for `change`, as an owner can, and on again. */
async function unguarded(handle: DatabaseHandle, change: () => Promise<unknown>): Promise<void> {
  await handle.rows(sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
  try {
    await change();
  } finally {
    await handle.rows(sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
  }
}

/** Changes one event's `after` and leaves its hash as it was: the chain no longer adds up there. */
export function editEventInPlace(handle: DatabaseHandle, seq: number, after: Record<string, unknown>): Promise<void> {
  return unguarded(handle, () =>
    handle.rows(sql`UPDATE audit_event SET after = ${JSON.stringify(after)}::jsonb WHERE seq = ${seq}`),
  );
}

/**
 * Changes one event's `after`, then recomputes the hash of that event and of every later one with the
 * database's own function: a chain that adds up again, which `audit_verify_chain()` finds nothing wrong with.
 */
export function editEventAndRecompute(
  handle: DatabaseHandle,
  seq: number,
  after: Record<string, unknown>,
): Promise<void> {
  return unguarded(handle, async () => {
    await handle.rows(sql`UPDATE audit_event SET after = ${JSON.stringify(after)}::jsonb WHERE seq = ${seq}`);
    await recomputeFrom(handle, seq);
  });
}

/** Removes the events after `keep`: the chain that is left is whole, and `audit_verify_chain()` is content. */
export function removeNewestEvents(handle: DatabaseHandle, keep: number): Promise<void> {
  return unguarded(handle, () => handle.rows(sql`DELETE FROM audit_event WHERE seq > ${keep}`));
}

/** Removes one event from the middle of the log and leaves the rest as it was. */
export function removeEvent(handle: DatabaseHandle, seq: number): Promise<void> {
  return unguarded(handle, () => handle.rows(sql`DELETE FROM audit_event WHERE seq = ${seq}`));
}

/** Replaces the database's check with one that never finds anything. */
export async function replaceVerifyFunction(handle: DatabaseHandle): Promise<void> {
  await handle.rows(sql`
    CREATE OR REPLACE FUNCTION audit_verify_chain() RETURNS TABLE (seq bigint, problem text) LANGUAGE sql STABLE AS $$
      SELECT NULL::bigint, NULL::text WHERE false
    $$`);
}

async function recomputeFrom(handle: DatabaseHandle, seq: number): Promise<void> {
  await handle.rows(
    sql.raw(`DO $$
    DECLARE
      r audit_event;
      previous text := coalesce((SELECT hash FROM audit_event WHERE seq = ${Number(seq)} - 1), repeat('0', 64));
    BEGIN
      FOR r IN SELECT * FROM audit_event WHERE seq >= ${Number(seq)} ORDER BY seq LOOP
        -- Each event by its own chain version's hash (migration 0010), as the database computes it.
        r.prev_hash := previous;
        UPDATE audit_event SET prev_hash = previous, hash = audit_event_expected_hash(r)
        WHERE seq = r.seq
        RETURNING hash INTO previous;
      END LOOP;
    END $$`),
  );
}
