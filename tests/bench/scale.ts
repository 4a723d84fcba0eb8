/**
 * Progress at ten times the CPA's size, on PostgreSQL: 10,000 organisations, 100,000 pledges and 1,000,000
 * progress reports (tests/bench/scale-data.ts), then the latency of every progress figure, called directly
 * and through GraphQL, and the memory the open-data pledge export takes to stream 100,000 pledges (in a
 * child process, like tests/bench/documents.ts, so that the figure is the export's alone).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '@concord/db';
import postgres from 'postgres';
import { buildApp, loadConfig } from '../../services/api/src/index.ts';
import { getAllianceBySlug } from '../../services/api/src/modules/alliance/alliance.service.ts';
import {
  type BreakdownDimension,
  computeBreakdown,
  computeProgress,
  computeSupplyUptakeGap,
} from '../../services/api/src/modules/progress/progress.service.ts';
import { generateScaleData, SCALE_ALLIANCE_SLUG, type ScaleCounts } from './scale-data.ts';

export interface LatencyResult {
  name: string;
  iterations: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface ExportRunResult {
  /** `streamed`: GET /exports/pledges.json; `buffered`: the same rows read in one query and sent as one string. */
  kind: 'streamed' | 'buffered';
  /** V8's old-space limit for the run (--max-old-space-size), or null for Node's default. */
  heapLimitMb: number | null;
  /** False when the process ran out of memory before the last byte. */
  completed: boolean;
  pledges: number;
  ms: number;
  bytes: number;
  /** Highest resident set size during the request, less the resident set size just before it. */
  peakRssMb: number;
}

/** One write, timed with the rollup trigger that it fires and with that trigger disabled. */
export interface WriteCostResult {
  name: string;
  iterations: number;
  withRollups: { p50Ms: number; p95Ms: number };
  withoutRollups: { p50Ms: number; p95Ms: number };
}

export interface ScaleResult {
  database: 'postgres';
  counts: ScaleCounts;
  generateSeconds: number;
  /** The whole part, from creating the database to the last export (it is in `pnpm bench`'s default set). */
  totalSeconds: number;
  /** The machine's 1-minute load average when the part started: a shared machine makes the tails longer. */
  loadAverage: number;
  /** p95 target for every figure. */
  targetP95Ms: number;
  latencies: LatencyResult[];
  writes: WriteCostResult[];
  exports: ExportRunResult[];
}

export const PROGRESS_QUERY = `query Progress($slug: String!) {
  alliance(slug: $slug) {
    progress {
      targetTonnes targetYear pledgedSupplyTonnes pledgedUptakeTonnes year achievedTonnes share
      achievedIncludingSubmittedTonnes
      byYear { year achievedTonnes share reportCount }
      breakdown(by: POLYMER) { key supplyTonnes uptakeTonnes pledgeCount achievedTonnes }
    }
  }
}`;

/** About what the app needs for itself (Fastify, Mercurius, the schema, Drizzle) plus a margin. */
const EXPORT_HEAP_LIMIT_MB = 80;
const DIMENSIONS: BreakdownDimension[] = ['kind', 'polymer', 'sector', 'working_group', 'country', 'organisation_kind'];
const root = fileURLToPath(new URL('../../', import.meta.url));
const self = fileURLToPath(import.meta.url);

/** Creates its own database on `serverUrl`, fills it, measures, and drops it. */
export async function measureScale({
  serverUrl,
  iterations = 50,
  warmup = 5,
  withExports = true,
  log,
}: {
  serverUrl: string;
  iterations?: number;
  warmup?: number;
  withExports?: boolean;
  log: (m: string) => void;
}): Promise<ScaleResult> {
  const partStarted = performance.now();
  const [loadAverage = Number.NaN] = os.loadavg();
  const { url, drop } = await createServerDatabase(serverUrl, `concord_scale_${process.pid}`);
  let database: DatabaseHandle | undefined;
  try {
    database = await createDatabase({ url, maxConnections: 4 });
    await database.migrate();
    const generating = postgres(url, { max: 1, onnotice: () => {} });
    const started = performance.now();
    let counts: ScaleCounts;
    try {
      counts = await generateScaleData(generating, log);
    } finally {
      await generating.end();
    }
    const generateSeconds = (performance.now() - started) / 1000;
    log(
      `  ${counts.organisations} organisations, ${counts.pledges} pledges (${counts.acceptedPledges} accepted), ` +
        `${counts.progressReports} reports (${counts.validatedReports} validated) in ${generateSeconds.toFixed(1)} s`,
    );

    const latencies = await measureLatencies(database, { iterations, warmup });
    for (const l of latencies) log(`  ${l.name}: p50 ${l.p50Ms.toFixed(1)} ms, p95 ${l.p95Ms.toFixed(1)} ms`);
    const writes = await measureWrites(url, { iterations });
    for (const w of writes) {
      log(
        `  ${w.name}: p50 ${w.withRollups.p50Ms.toFixed(1)} ms, p95 ${w.withRollups.p95Ms.toFixed(1)} ms ` +
          `(without the rollup trigger: ${w.withoutRollups.p50Ms.toFixed(1)} / ${w.withoutRollups.p95Ms.toFixed(1)} ms)`,
      );
    }
    await database.close();
    database = undefined;

    // With Node's default heap, then with the old space capped near what the app itself needs: what streams
    // finishes within it, what buffers does not.
    const exports: ExportRunResult[] = [];
    for (const heapLimitMb of withExports ? [null, EXPORT_HEAP_LIMIT_MB] : []) {
      for (const kind of ['streamed', 'buffered'] as const) {
        const result = await exportInChild(url, kind, heapLimitMb);
        const limit = heapLimitMb ? ` (old space ${heapLimitMb} MB)` : '';
        log(
          result.completed
            ? `  pledges.json ${kind}${limit}: ${result.pledges} pledges, ${(result.bytes / 1e6).toFixed(1)} MB in ` +
                `${Math.round(result.ms)} ms, peak RSS +${Math.round(result.peakRssMb)} MB`
            : `  pledges.json ${kind}${limit}: ran out of memory`,
        );
        exports.push(result);
      }
    }
    const totalSeconds = (performance.now() - partStarted) / 1000;
    return {
      database: 'postgres',
      counts,
      generateSeconds,
      totalSeconds,
      loadAverage,
      targetP95Ms: 50,
      latencies,
      writes,
      exports,
    };
  } finally {
    await database?.close();
    await drop();
  }
}

async function measureLatencies(
  database: DatabaseHandle,
  { iterations, warmup }: { iterations: number; warmup: number },
): Promise<LatencyResult[]> {
  const { db } = database;
  const alliance = await getAllianceBySlug(db, SCALE_ALLIANCE_SLUG);
  const { year, countedFlow } = await computeProgress(db, alliance);
  const cases: [string, () => Promise<unknown>][] = [
    ['computeProgress', () => computeProgress(db, alliance)],
    ...DIMENSIONS.map((by): [string, () => Promise<unknown>] => [
      `computeBreakdown(${by})`,
      () => computeBreakdown(db, { allianceId: alliance.id, countedFlow }, by, year),
    ]),
    ['computeSupplyUptakeGap', () => computeSupplyUptakeGap(db, alliance.id)],
  ];

  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      RUN_WORKER: 'false',
    }),
    database,
    logger: false,
  });
  await app.ready();
  const payload = { query: PROGRESS_QUERY, variables: { slug: SCALE_ALLIANCE_SLUG } };
  cases.push([
    'GraphQL progress { achievedIncludingSubmittedTonnes, byYear, breakdown(by: POLYMER) }',
    async () => {
      const response = await app.inject({ method: 'POST', url: '/graphql', payload });
      const body = response.json() as { errors?: unknown };
      if (response.statusCode !== 200 || body.errors) throw new Error(`GraphQL failed: ${response.body}`);
    },
  ]);

  try {
    const results: LatencyResult[] = [];
    for (const [name, run] of cases) {
      for (let i = 0; i < warmup; i++) await run();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      results.push({
        name,
        iterations,
        p50Ms: quantile(samples, 0.5),
        p95Ms: quantile(samples, 0.95),
        maxMs: samples.at(-1) ?? Number.NaN,
      });
    }
    return results;
  } finally {
    await app.close();
  }
}

/**
 * What the rollups cost a write: validating one report, resubmitting one with a new figure (submitted reports
 * are kept in the rollups too, migration 0006) and accepting one pledge (with its ten reports), each a statement
 * of its own, first with the rollup trigger, then with it disabled. The rollups are left stale by
 * the second half; the database is dropped afterwards.
 */
async function measureWrites(url: string, { iterations }: { iterations: number }): Promise<WriteCostResult[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const reports = await sql<{ id: string }[]>`
      select r.id from progress_report r join pledge p on p.id = r.pledge_id
      where r.status = 'submitted' and p.status = 'accepted' order by r.id limit ${4 * iterations}`;
    const pledges = await sql<{ id: string }[]>`
      select id from pledge where status = 'submitted' order by id limit ${2 * iterations}`;
    const cases = [
      {
        name: 'validate one report',
        table: 'progress_report',
        trigger: 'progress_rollup_report_update',
        ids: reports.slice(0, 2 * iterations).map((r) => r.id),
        write: (id: string) =>
          sql`update progress_report set status = 'validated', validated_at = now() where id = ${id}`,
      },
      {
        name: 'resubmit one report (new figure)',
        table: 'progress_report',
        trigger: 'progress_rollup_report_update',
        ids: reports.slice(2 * iterations).map((r) => r.id),
        write: (id: string) =>
          sql`update progress_report set tonnes_achieved = tonnes_achieved + 1, revision = revision + 1 where id = ${id}`,
      },
      {
        name: 'accept one pledge (10 reports)',
        table: 'pledge',
        trigger: 'progress_rollup_pledge_update',
        ids: pledges.map((p) => p.id),
        write: (id: string) => sql`update pledge set status = 'accepted', decided_at = now() where id = ${id}`,
      },
    ];
    const results: WriteCostResult[] = [];
    for (const c of cases) {
      const time = async (ids: string[]) => {
        const samples: number[] = [];
        for (const id of ids) {
          const started = performance.now();
          await c.write(id);
          samples.push(performance.now() - started);
        }
        samples.sort((a, b) => a - b);
        return { p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95) };
      };
      const withRollups = await time(c.ids.slice(0, iterations));
      await sql.unsafe(`alter table ${c.table} disable trigger ${c.trigger}`);
      try {
        const withoutRollups = await time(c.ids.slice(iterations));
        results.push({ name: c.name, iterations, withRollups, withoutRollups });
      } finally {
        await sql.unsafe(`alter table ${c.table} enable trigger ${c.trigger}`);
      }
    }
    return results;
  } finally {
    await sql.end();
  }
}

/** The nearest-rank quantile of sorted samples. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** A new database `name` on the server (dropped first, if a run that was killed left it); `drop` removes it. */
export async function createServerDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const dropIt = async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  await dropIt();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return { url: withDatabase(serverUrl, name), drop: dropIt };
}

/** The same server address with another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function exportInChild(
  databaseUrl: string,
  kind: ExportRunResult['kind'],
  heapLimitMb: number | null,
): Promise<ExportRunResult> {
  const flags = ['--expose-gc', ...(heapLimitMb ? [`--max-old-space-size=${heapLimitMb}`] : []), '--import', 'tsx'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, self, 'export', kind, databaseUrl], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) {
        return resolve({
          ...(JSON.parse(last) as Omit<ExportRunResult, 'heapLimitMb' | 'completed'>),
          heapLimitMb,
          completed: true,
        });
      }
      if (/heap out of memory/i.test(stderr)) {
        return resolve({
          kind,
          heapLimitMb,
          completed: false,
          pledges: 0,
          ms: Number.NaN,
          bytes: 0,
          peakRssMb: Number.NaN,
        });
      }
      reject(new Error(`export bench exited ${code}: ${stdout}${stderr}`));
    });
  });
}

/**
 * In the child: the app on a real port (app.inject would collect the whole body), one GET of the pledge
 * export read and counted as it arrives, resident memory sampled throughout.
 */
async function exportHere(
  kind: ExportRunResult['kind'],
  databaseUrl: string,
): Promise<Omit<ExportRunResult, 'heapLimitMb' | 'completed'>> {
  const database = await createDatabase({ url: databaseUrl, maxConnections: 2 });
  const app = await buildApp({
    config: loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      RUN_WORKER: 'false',
    }),
    database,
    logger: false,
  });
  const { pledgeColumns, pledgeExportRows } = await import(
    '../../services/api/src/modules/open-data/pledges.export.ts'
  );
  // The baseline: every row read at once and sent as one string, as a first version would.
  app.get('/bench/pledges-buffered.json', async (_request, reply) => {
    const alliance = await getAllianceBySlug(database.db, SCALE_ALLIANCE_SLUG);
    const objects: Record<string, unknown>[] = [];
    for await (const page of pledgeExportRows(database.db, alliance.id, { pageSize: 1_000_000 })) {
      for (const row of page) objects.push(Object.fromEntries(pledgeColumns.map((c) => [c.name, c.value(row)])));
    }
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(objects));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const path =
    kind === 'streamed' ? `/exports/pledges.json?alliance=${SCALE_ALLIANCE_SLUG}` : '/bench/pledges-buffered.json';

  try {
    global.gc?.();
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    const started = performance.now();
    let bytes = 0;
    let pledges = 0;
    let tail = '';
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`GET ${path}: ${response.statusCode}`));
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            bytes += Buffer.byteLength(chunk);
            // Count objects without keeping the body: each pledge object has one "pledge_id" key.
            const text = tail + chunk;
            pledges += text.split('"pledge_id"').length - 1;
            tail = text.slice(-10);
          });
          response.on('end', resolve);
          response.on('error', reject);
        })
        .on('error', reject);
    });
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { kind, pledges, ms, bytes, peakRssMb: (peak - baseline) / 2 ** 20 };
  } finally {
    await app.close();
    await database.close();
  }
}

if (process.argv[1] === self) {
  const [command, kind, url] = process.argv.slice(2);
  if (command !== 'export' || (kind !== 'streamed' && kind !== 'buffered') || !url) {
    throw new Error('usage: scale.ts export streamed|buffered postgres://…');
  }
  console.log(JSON.stringify(await exportHere(kind, url)));
}
