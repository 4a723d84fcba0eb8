import type { Transaction } from '@concord/db';
import { sql } from 'drizzle-orm';

/**
 * Makes every transaction that names one of `keys` wait for the others holding it until they commit or roll back,
 * on whichever connection and process they run: for a limit counted in rows ("five log-in links an hour"), whose
 * count and insert must not interleave with another request's. The locks are PostgreSQL's transaction-level advisory
 * locks, taken in the order given (callers name their keys in one fixed order, so two never wait on each other).
 */
export async function takeTurns(tx: Transaction, ...keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const rows = sql.join(
    keys.map((key, i) => sql`(${i}, ${key})`),
    sql`, `,
  );
  // One statement; volatile functions in the select list run after the sort, so in the keys' order.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from (values ${rows}) as k(n, key) order by n`,
  );
}
