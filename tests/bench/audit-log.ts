import { createDatabase, findAuditLogBreak, readAuditLogHead } from '@concord/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { AuditLogChecker } from '../../services/api/src/modules/audit/audit-log-check.ts';

export interface AuditLogBenchResult {
  database: 'PGlite' | 'PostgreSQL';
  events: number;
  /** Concord's own recomputation of the whole chain (findAuditLogBreak), one run each. */
  recomputeMs: number[];
  /** The baseline: the database's own audit_verify_chain() over the same events, one run each. */
  databaseCheckMs: number[];
  /** auditLogCheck's work once the stretch is recomputed: reading one stored hash, mean over many checks. */
  warmCheckMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Issue 10, item 4: what checking a published head costs on a log of `events` events: a full recomputation (what
 * the first check after 60 s does, docs/adr/0013), against the database's own check of the same chain in the same
 * run, and a check answered from the recomputed stretch.
 */
export async function measureAuditLog({
  databaseUrl,
  events = 50_000,
  runs = 3,
}: {
  databaseUrl: string | undefined;
  events?: number;
  runs?: number;
}): Promise<AuditLogBenchResult> {
  const name = `concord_bench_audit_${process.pid}`;
  const admin = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : undefined;
  if (admin) {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  }
  const url = databaseUrl ? Object.assign(new URL(databaseUrl), { pathname: `/${name}` }).toString() : undefined;
  const database = await createDatabase({ url, maxConnections: 2 });
  try {
    await database.migrate();
    await database.rows(sql`insert into audit_event (action, object_type, object_id, before, after)
      select 'pledge.accepted', 'pledge', gen_random_uuid(), '{"status": "submitted"}'::jsonb,
        jsonb_build_object('status', 'accepted', 'tonnesPerYear', '1250.500', 'n', i)
      from generate_series(1, ${events}) i`);
    const head = await readAuditLogHead(database.db);
    const recomputeMs: number[] = [];
    const databaseCheckMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      const broken = await findAuditLogBreak(database.db, { through: head.seq });
      recomputeMs.push(performance.now() - started);
      if (broken) throw new Error(`the benchmark's chain is broken at ${broken.seq}`);
      started = performance.now();
      await database.rows(sql`select * from audit_verify_chain()`);
      databaseCheckMs.push(performance.now() - started);
    }
    const checker = new AuditLogChecker(database.db);
    await checker.check(head);
    const checks = 200;
    const started = performance.now();
    for (let i = 0; i < checks; i++) await checker.check(head);
    const warmCheckMs = (performance.now() - started) / checks;
    return { database: url ? 'PostgreSQL' : 'PGlite', events, recomputeMs, databaseCheckMs, warmCheckMs };
  } finally {
    await database.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}

export function auditLogSection(results: AuditLogBenchResult[], when: string): string[] {
  const title = '## Checking a published audit log head (auditLogCheck)';
  if (results.length === 0) return [title, '', 'Not measured yet: `BENCH_ONLY=audit`.', ''];
  return [
    title,
    '',
    `${when} A log of ${results[0]?.events.toLocaleString('en')} events (inserted through the chain trigger). ` +
      "Concord's recomputation is one statement of PostgreSQL built-ins under `search_path = pg_catalog`; the first " +
      'check after 60 s makes one, later checks read one stored hash (docs/adr/0013). Baseline: the database’s own ' +
      '`audit_verify_chain()`, which the owner of the table could replace, over the same events in the same run.',
    '',
    '| database | recomputation (median) | runs | audit_verify_chain() (median) | ratio | a check from the recomputed stretch |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.database} | ${Math.round(median(r.recomputeMs))} ms | ${r.recomputeMs.map(Math.round).join(', ')} | ` +
        `${Math.round(median(r.databaseCheckMs))} ms | ${(median(r.recomputeMs) / median(r.databaseCheckMs)).toFixed(2)} | ` +
        `${r.warmCheckMs.toFixed(2)} ms |`,
    ),
    '',
  ];
}
