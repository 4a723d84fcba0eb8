import { addressTurnKey, type Database, JOB_QUEUE_SCHEMA, selectRows, shareTurns, type Transaction } from '@concord/db';
import { sql } from 'drizzle-orm';
import type { QueuedEmail } from './email-job.ts';

/**
 * Runs `write` (what records an e-mail's delivery, address and all) for those of `emails` whose job the queue still
 * holds, in one transaction that takes shared turns on their addresses, and says which were dropped: their job is
 * gone, deleted by the erasure of the person the e-mail was for (erase-person.ts takes its turn on the address
 * exclusively, then deletes the person's queued jobs and pseudonymises their delivery rows). So whichever commits
 * first, no delivery row or sent e-mail outlives an erasure with the address in it: a claim before the erasure
 * is pseudonymised by it, a claim after it finds its job gone. E-mails without a queue row (sent directly, as in
 * tests) are always written.
 */
export async function whileQueued<T>(
  db: Database,
  emails: readonly QueuedEmail[],
  write: (tx: Transaction | Database, live: QueuedEmail[]) => Promise<T>,
): Promise<{ result: T; dropped: Set<QueuedEmail> }> {
  const fenced = emails.filter((e) => e.queued);
  if (fenced.length === 0) return { result: await write(db, [...emails]), dropped: new Set() };
  return db.transaction(async (tx) => {
    await shareTurns(tx, ...fenced.map((e) => addressTurnKey(e.to)));
    const rows = JSON.stringify(fenced.map((e) => ({ name: e.queued?.name, id: e.queued?.id })));
    const gone = await selectRows<{ name: string; id: string }>(
      tx,
      sql`
      select v.name, v.id from jsonb_to_recordset(${rows}::jsonb) as v(name text, id text)
      where not exists (select 1 from ${sql.identifier(JOB_QUEUE_SCHEMA)}.job j where j.name = v.name and j.id = v.id::uuid)`,
    );
    const isGone = new Set(gone.map((g) => `${g.name}/${g.id}`));
    const dropped = new Set(fenced.filter((e) => isGone.has(`${e.queued?.name}/${e.queued?.id}`)));
    return {
      result: await write(
        tx,
        emails.filter((e) => !dropped.has(e)),
      ),
      dropped,
    };
  });
}
