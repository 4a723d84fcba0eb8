import { type SQL, sql } from 'drizzle-orm';
import type { Database, Transaction } from './client.ts';

/**
 * Makes every transaction that names one of `keys` wait for the others holding it until they commit or roll back,
 * on whichever connection and process they run: for a limit counted in rows ("five log-in links an hour"), whose
 * count and insert must not interleave with another request's. The locks are PostgreSQL's transaction-level advisory
 * locks, taken in the order given (callers name their keys in one fixed order, so two never wait on each other).
 */
export async function takeTurns(tx: Transaction | Database, ...keys: string[]): Promise<void> {
  await lockKeys(tx, sql`pg_advisory_xact_lock`, keys);
}

/**
 * takeTurns for transactions that may run beside one another but not beside one that takes its turn on a key
 * (a shared lock against takeTurns' exclusive one): many e-mails to one address are claimed at once, none while
 * that address is being erased. Keys are taken sorted, so two callers never wait on each other.
 */
export async function shareTurns(tx: Transaction | Database, ...keys: string[]): Promise<void> {
  await lockKeys(tx, sql`pg_advisory_xact_lock_shared`, [...new Set(keys)].sort());
}

/** The key on which whatever reads or erases what is kept about an e-mail address takes turns. */
export const addressTurnKey = (address: string): string => `email-address:${address.trim().toLowerCase()}`;

async function lockKeys(tx: Transaction | Database, lock: SQL, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  const rows = sql.join(
    keys.map((key, i) => sql`(${i}, ${key})`),
    sql`, `,
  );
  // One statement; volatile functions in the select list run after the sort, so in the keys' order.
  await tx.execute(sql`select ${lock}(hashtextextended(key, 0)) from (values ${rows}) as k(n, key) order by n`);
}
