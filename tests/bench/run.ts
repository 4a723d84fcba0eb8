/**
 * `pnpm bench`: measures, never asserts. Writes docs/benchmarks/latest.json and latest.md, with each figure
 * beside the baseline measured in the same run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { type AuditLogBenchResult, auditLogSection, measureAuditLog } from './audit-log.ts';
import { measureDeclarationHeap, measureDeclarationPdf, measureNaiveTablePdf } from './documents.ts';
import { type EmailThroughputResult, emailSection, measureEmailThroughput } from './email.ts';
import { type LoadResult, loadSection, measureLoad } from './load.ts';
import { measurePortal, type PortalWeightResult, portalSection } from './portal.ts';
import { measureQueryBudget, type QueryBudgetResult } from './query-budget.ts';
import { measureScale, type ScaleResult } from './scale.ts';
import { measureStartup } from './startup.ts';
import { measureThroughput } from './throughput.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const connections = 10;

/**
 * BENCH_ONLY=startup,throughput,documents,scale,budget,email,audit,portal,load runs some parts; the others keep the figures of the
 * run that last measured them (each part carries its date). `scale` and `load` need a PostgreSQL server (about 1.5 and
 * 3 minutes); BENCH_LOAD_SIGNUPS and BENCH_LOAD_REPORTS (500 and 200) set the size of `load`, BENCH_LOAD_MAX_IN_FLIGHT
 * (24) the proxy's limit of requests at a time to each process.
 */
const only = new Set(
  (process.env.BENCH_ONLY ?? 'startup,throughput,documents,scale,budget,email,audit,portal,load').split(','),
);
const log = (m: string) => console.log(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

log('start-up: cold (migrate + seed) and restart, to the first page');
const startup = only.has('startup') ? await measureStartup({ runs: 3, port: 3917 }) : { coldMs: [], restartMs: [] };
log(
  `  cold ${startup.coldMs.map(Math.round).join(', ')} ms; restart ${startup.restartMs.map(Math.round).join(', ')} ms`,
);

const throughput = [];
for (const url of only.has('throughput') ? [undefined, ...(serverUrl ? [serverUrl] : [])] : []) {
  log(`signatories(first: 50): GraphQL vs plain route on ${url ? 'PostgreSQL' : 'PGlite'}, ${durationSeconds} s each`);
  const result = await measureThroughput({ databaseUrl: url, durationSeconds, connections });
  log(
    `  GraphQL ${result.graphqlRequestsPerSecond.toFixed(0)} req/s, plain ${result.plainRequestsPerSecond.toFixed(0)} req/s, ratio ${result.ratio.toFixed(3)}, CPU ratio ${result.cpuRatio?.toFixed(3)} (rounds ${result.roundRatios?.map((r) => r.toFixed(2)).join(', ')})`,
  );
  throughput.push(result);
}

log('declaration PDF with 10,000 to 200,000 signatories: streamed vs one PDFKit table built up front (10,000)');
const streamed = [];
const streamedLater = [];
const streamedLarge = [];
/** One run each of 100,000 and 200,000: whether the peak stays where 50,000 put it. */
const streamedHuge = [];
const naive = [];
const kept = [];
if (only.has('documents')) {
  for (let i = 0; i < 3; i++) streamed.push(await measureDeclarationPdf({ signatories: 10_000 }));
  for (let i = 0; i < 3; i++) streamedLater.push(await measureDeclarationPdf({ signatories: 10_000, earlier: 2 }));
  for (let i = 0; i < 3; i++) streamedLarge.push(await measureDeclarationPdf({ signatories: 50_000 }));
  for (const signatories of [100_000, 200_000]) streamedHuge.push(await measureDeclarationPdf({ signatories }));
  for (let i = 0; i < 2; i++) naive.push(await measureNaiveTablePdf({ signatories: 10_000 }));
  kept.push(await measureDeclarationHeap({ signatories: 100_000 }));
}
const runs = (rs: { ms: number; peakRssMb: number }[]) =>
  rs.map((r) => `${Math.round(r.ms)} ms/${Math.round(r.peakRssMb)} MB`).join(', ');
log(
  `  streamed 10,000 ${runs(streamed)}; the third in its process ${runs(streamedLater)}; 50,000 ${runs(streamedLarge)}; 100,000 and 200,000 ${runs(streamedHuge)}; naive 10,000 ${runs(naive)}`,
);
if (kept[0]?.keptMb)
  log(`  kept at every 10,000th row of 100,000: ${kept[0].keptMb.map((mb) => `${Math.round(mb)} MB`).join(', ')}`);
const documents = { streamed, streamedLater, streamedLarge, streamedHuge, naive, kept };

let scale: ScaleResult | null = null;
if (only.has('scale')) {
  if (serverUrl) {
    log('progress at scale on PostgreSQL: 10,000 organisations, 100,000 pledges, 1,000,000 reports');
    scale = await measureScale({ serverUrl, log });
  } else {
    log('  scale skipped: it needs BENCH_DATABASE_URL or DATABASE_URL (a PostgreSQL server)');
  }
}

let budget: QueryBudgetResult | null = null;
if (only.has('budget')) {
  log('query budget: refusing oversized queries, against an ordinary query');
  budget = await measureQueryBudget();
  for (const c of [budget.baseline, ...budget.cases]) {
    log(`  ${c.name}: ${c.cpuMsPerRequest.toFixed(2)} ms CPU, ${c.cpuRatio.toFixed(2)} × the ordinary query`);
  }
}

const email: EmailThroughputResult[] = [];
for (const url of only.has('email') ? [undefined, ...(serverUrl ? [serverUrl] : [])] : []) {
  log(`e-mail: raw pooled SMTP sends vs Concord's queue to SMTP on ${url ? 'PostgreSQL' : 'PGlite'}, 2,000 messages`);
  const result = await measureEmailThroughput({ databaseUrl: url, messages: 2_000 });
  log(
    `  raw ${result.rawPerSecond.map((r) => r.toFixed(0)).join(', ')} e-mails/s, Concord ${result.concordPerSecond.toFixed(0)} e-mails/s, ratio ${result.ratio.toFixed(2)}, CPU ratio ${result.cpuRatio.toFixed(2)}`,
  );
  email.push(result);
}

const auditLog: AuditLogBenchResult[] = [];
for (const url of only.has('audit') ? [undefined, ...(serverUrl ? [serverUrl] : [])] : []) {
  log(`audit log: recomputing 50,000 events vs audit_verify_chain() on ${url ? 'PostgreSQL' : 'PGlite'}`);
  const result = await measureAuditLog({ databaseUrl: url });
  log(
    `  recomputation ${result.recomputeMs.map(Math.round).join(', ')} ms; audit_verify_chain() ${result.databaseCheckMs.map(Math.round).join(', ')} ms; warm check ${result.warmCheckMs.toFixed(2)} ms`,
  );
  auditLog.push(result);
}

let portal: PortalWeightResult = [];
if (only.has('portal')) {
  log('portal: JavaScript and layout shift of each public page in Chromium');
  portal = await measurePortal();
  for (const w of portal)
    log(
      `  ${w.path}: ${w.scriptFiles} files, ${(w.scriptBytes / 1000).toFixed(1)} KB (${(w.scriptGzipBytes / 1000).toFixed(1)} KB gzipped), shift ${w.layoutShift}`,
    );
}

let load: LoadResult | null = null;
if (only.has('load')) {
  if (serverUrl) {
    const signups = Number(process.env.BENCH_LOAD_SIGNUPS ?? 500);
    const reports = Number(process.env.BENCH_LOAD_REPORTS ?? 200);
    log(`load: ${signups} sign-ups and ${reports} progress reports with public reads, several processes on PostgreSQL`);
    load = await measureLoad({ serverUrl, signups, reports, log });
    for (const k of load.underLoad)
      log(
        `  ${k.kind}: ${k.count}, p50 ${k.p50Ms.toFixed(0)} ms, p99 ${k.p99Ms.toFixed(0)} ms, 5xx ${k.serverErrors}, unexpected ${k.unexpected}`,
      );
    for (const k of load.baseline)
      log(`  ${k.kind} alone: ${k.count}, p50 ${k.p50Ms.toFixed(0)} ms, p99 ${k.p99Ms.toFixed(0)} ms`);
    log(`  checks ${JSON.stringify(load.checks)}`);
    for (const p of load.problems) log(`  ${p}`);
  } else {
    log('  load skipped: it needs BENCH_DATABASE_URL or DATABASE_URL (a PostgreSQL server)');
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const measuredAt = new Date().toISOString();
const dir = new URL('../../docs/benchmarks/', import.meta.url);
await mkdir(dir, { recursive: true });

// Parts not run this time keep what the last run that ran them measured, with that run's date.
type Part = 'startup' | 'throughput' | 'documents' | 'scale' | 'budget' | 'email' | 'audit' | 'portal' | 'load';
interface Results {
  measuredAt: string;
  machine: string;
  partsMeasuredAt?: Partial<Record<Part, string>>;
  startup: typeof startup;
  throughput: typeof throughput;
  documents: typeof documents;
  scale?: ScaleResult | null;
  budget?: QueryBudgetResult | null;
  email?: EmailThroughputResult[];
  auditLog?: AuditLogBenchResult[];
  portal?: PortalWeightResult;
  load?: LoadResult | null;
}
const previous = await readFile(new URL('latest.json', dir), 'utf8')
  .then((text) => JSON.parse(text) as Results)
  .catch(() => null);
const ran = (part: Part) =>
  only.has(part) &&
  (part !== 'scale' || scale !== null) &&
  (part !== 'budget' || budget !== null) &&
  (part !== 'load' || load !== null);
const partsMeasuredAt: Partial<Record<Part, string>> = {};
const hadFigures: Record<Part, boolean> = {
  startup: (previous?.startup.coldMs.length ?? 0) > 0,
  throughput: (previous?.throughput.length ?? 0) > 0,
  documents: (previous?.documents.streamed.length ?? 0) > 0,
  scale: Boolean(previous?.scale),
  budget: Boolean(previous?.budget),
  email: (previous?.email?.length ?? 0) > 0,
  audit: (previous?.auditLog?.length ?? 0) > 0,
  portal: (previous?.portal?.length ?? 0) > 0,
  load: Boolean(previous?.load),
};
for (const part of [
  'startup',
  'throughput',
  'documents',
  'scale',
  'budget',
  'email',
  'audit',
  'portal',
  'load',
] as const) {
  const at = ran(part)
    ? measuredAt
    : hadFigures[part]
      ? (previous?.partsMeasuredAt?.[part] ?? previous?.measuredAt)
      : undefined;
  if (at) partsMeasuredAt[part] = at;
}
const results: Results = {
  measuredAt,
  machine,
  partsMeasuredAt,
  startup: ran('startup') ? startup : (previous?.startup ?? startup),
  throughput: ran('throughput') ? throughput : (previous?.throughput ?? throughput),
  documents: ran('documents') ? documents : (previous?.documents ?? documents),
  scale: ran('scale') ? scale : (previous?.scale ?? null),
  budget: ran('budget') ? budget : (previous?.budget ?? null),
  email: ran('email') ? email : (previous?.email ?? email),
  auditLog: ran('audit') ? auditLog : (previous?.auditLog ?? auditLog),
  portal: ran('portal') ? portal : (previous?.portal ?? portal),
  load: ran('load') ? load : (previous?.load ?? null),
};
const when = (part: Part) => (partsMeasuredAt[part] ? `Measured ${partsMeasuredAt[part]}.` : 'Not measured yet.');
await writeFile(new URL('latest.json', dir), `${JSON.stringify(results, null, 2)}\n`);
const md = [
  '# Benchmarks (latest run of `pnpm bench`)',
  '',
  `Written ${results.measuredAt} on ${machine}. Generated by tests/bench/run.ts; do not edit. A part that a run ` +
    'left out (BENCH_ONLY) keeps the figures of the run that last measured it, with that date.',
  '',
  '## Start-up to the first page (all-in-one process, embedded PGlite)',
  '',
  when('startup'),
  '',
  '| | median | runs |',
  '| --- | ---: | --- |',
  `| cold (empty ./data: migrate, seed) | ${Math.round(median(results.startup.coldMs))} ms | ${results.startup.coldMs.map(Math.round).join(', ')} |`,
  `| restart (same ./data) | ${Math.round(median(results.startup.restartMs))} ms | ${results.startup.restartMs.map(Math.round).join(', ')} |`,
  '',
  `## \`signatories(first: 50)\` with organisations and working groups (${connections} connections, ${durationSeconds} s each)`,
  '',
  when('throughput'),
  '',
  'Baseline: a plain Fastify route calling the same service functions (the same SQL: four statements each), ' +
    'answering the same data. The two take turns in short rounds, each side first in every other round ' +
    '(docs/adr/0008-graphql-overhead.md); the ratio is over all rounds, the range is that of the single rounds. ' +
    "CPU per request is this process's (server and load generator): its ratio, plain over GraphQL, is what " +
    'other work on a shared machine moves least.',
  '',
  '| database | GraphQL req/s | plain route req/s | ratio (target ≥ 0.95) | rounds | range of the rounds | CPU per request, GraphQL / plain | CPU ratio |',
  '| --- | ---: | ---: | ---: | ---: | --- | --- | ---: |',
  ...results.throughput.map(
    (t) =>
      `| ${t.database} | ${t.graphqlRequestsPerSecond.toFixed(0)} | ${t.plainRequestsPerSecond.toFixed(0)} | ` +
      `${t.ratio.toFixed(3)} | ${t.rounds ?? 1} | ${rangeOf(t.roundRatios)} | ` +
      (t.cpuRatio === undefined
        ? '– | – |'
        : `${t.graphqlCpuMsPerRequest?.toFixed(2)} / ${t.plainCpuMsPerRequest?.toFixed(2)} ms | ${t.cpuRatio.toFixed(3)} |`),
  ),
  '',
  ...documentsSection(results.documents, when('documents')),
  ...scaleSection(results.scale ?? null),
  ...budgetSection(results.budget ?? null),
  ...emailSection(results.email ?? [], when('email')),
  ...auditLogSection(results.auditLog ?? [], when('audit')),
  ...portalSection(results.portal ?? [], when('portal')),
  ...loadSection(results.load ?? null, when('load')),
].join('\n');
await writeFile(new URL('latest.md', dir), md);
log('written to docs/benchmarks/latest.md and latest.json');

function budgetSection(budget: QueryBudgetResult | null): string[] {
  const title = '## Refusing oversized queries (the query budget)';
  if (!budget) return [title, '', 'Not measured yet: `BENCH_ONLY=budget`.', ''];
  return [
    title,
    '',
    `${when('budget')} ${budget.requestsPerCase} requests a case through \`app.inject\` (no network), each ` +
      'differing by a comment so that no parse cache answers; CPU is this process’s (the embedded database ' +
      'included). Baseline: an ordinary query, `{ alliances { totalCount nodes { slug name } } }`. Before the ' +
      "budget, the issue's query took 8–30 s (its 101 validation errors were formatted with one parse each).",
    '',
    '| request | body | status | CPU per request | × the ordinary query | wall per request |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[budget.baseline, ...budget.cases].map(
      (c) =>
        `| ${c.name} | ${(c.bytes / 1000).toFixed(1)} kB | ${c.status} | ${c.cpuMsPerRequest.toFixed(2)} ms | ` +
        `${c.cpuRatio.toFixed(2)} | ${c.wallMsPerRequest.toFixed(2)} ms |`,
    ),
    '',
  ];
}

function rangeOf(ratios: number[] | undefined): string {
  if (!ratios || ratios.length === 0) return '–';
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

function scaleSection(scale: ScaleResult | null): string[] {
  const title = '## Progress at scale on PostgreSQL: 10,000 organisations, 100,000 pledges, 1,000,000 reports';
  if (!scale)
    return [title, '', 'Not measured yet: `BENCH_ONLY=scale` with BENCH_DATABASE_URL or DATABASE_URL set.', ''];
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const { counts } = scale;
  return [
    title,
    '',
    `${when('scale')} A database of its own, filled in ${Math.round(scale.generateSeconds)} s by \`insert … select ` +
      `generate_series(…)\` with the rollup triggers on (tests/bench/scale-data.ts): ` +
      `${counts.organisations.toLocaleString('en')} organisations, ${counts.pledges.toLocaleString('en')} pledges ` +
      `(${counts.acceptedPledges.toLocaleString('en')} accepted), ${counts.progressReports.toLocaleString('en')} ` +
      `reports (${counts.validatedReports.toLocaleString('en')} validated), then ANALYZE. The whole part took ` +
      `${Math.round(scale.totalSeconds)} s; the machine's load average was ${scale.loadAverage.toFixed(1)} when it ` +
      'started (other work on a shared machine lengthens the p95 tails).',
    '',
    `### Progress figures (${scale.latencies[0]?.iterations ?? 0} calls each after warm-up; target p95 < ${scale.targetP95Ms} ms)`,
    '',
    'Direct service calls, and the GraphQL request through the app (`app.inject`, no network). Before the progress ' +
      'rollups (docs/adr/0005-progress-rollups.md) the same data took computeProgress p95 405 ms and the GraphQL ' +
      'request p95 641 ms.',
    '',
    '| figure | p50 | p95 | max | target met |',
    '| --- | ---: | ---: | ---: | --- |',
    ...scale.latencies.map(
      (l) =>
        `| ${l.name} | ${ms(l.p50Ms)} ms | ${ms(l.p95Ms)} ms | ${ms(l.maxMs)} ms | ${l.p95Ms < scale.targetP95Ms ? 'yes' : 'NO'} |`,
    ),
    '',
    '### What the rollups cost a write',
    '',
    'One UPDATE each (no audit, no GraphQL): with the rollup trigger it fires, then with that trigger disabled.',
    '',
    '| write | p50 | p95 | p50 without rollups | p95 without rollups |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...scale.writes.map(
      (w) =>
        `| ${w.name} | ${ms(w.withRollups.p50Ms)} ms | ${ms(w.withRollups.p95Ms)} ms | ` +
        `${ms(w.withoutRollups.p50Ms)} ms | ${ms(w.withoutRollups.p95Ms)} ms |`,
    ),
    '',
    '### `GET /exports/pledges.json` over every accepted pledge (each run in its own process)',
    '',
    'Streamed: keyset pages of 1,000 rows written as they are read. Baseline: every row read in one query and ' +
      "sent as one string. Peak RSS growth with Node's default heap is mostly garbage V8 has not collected yet; " +
      'with the old space capped near what the app itself needs, the streamed export still finishes and the ' +
      'buffered one runs out of memory.',
    '',
    '| export | V8 old space | pledges | time | size | peak RSS growth |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...scale.exports.map((e) => {
      const what = e.kind === 'streamed' ? 'streamed' : 'buffered (baseline)';
      const limit = e.heapLimitMb ? `${e.heapLimitMb} MB` : 'default';
      return e.completed
        ? `| ${what} | ${limit} | ${e.pledges.toLocaleString('en')} | ${Math.round(e.ms)} ms | ` +
            `${(e.bytes / 1e6).toFixed(1)} MB | ${Math.round(e.peakRssMb)} MB |`
        : `| ${what} | ${limit} | – | ran out of memory | – | – |`;
    }),
    '',
  ];
}

interface DocumentRun {
  signatories: number;
  ms: number;
  peakRssMb: number;
  bytes: number;
  keptMb?: number[];
}

function documentsSection(
  documents: {
    streamed: DocumentRun[];
    streamedLater?: DocumentRun[];
    streamedLarge?: DocumentRun[];
    streamedHuge?: DocumentRun[];
    naive: DocumentRun[];
    kept?: DocumentRun[];
  },
  measured: string,
): string[] {
  const ms = (rs: DocumentRun[]) => median(rs.map((r) => r.ms));
  const mb = (rs: DocumentRun[]) => median(rs.map((r) => r.peakRssMb));
  const size = (rs: DocumentRun[]) => `${(median(rs.map((r) => r.bytes)) / 1e6).toFixed(1)} MB`;
  // Memory only for a process's first document: after others, its growth is not the document's alone.
  const row = (label: string, rs: DocumentRun[], memory = true) =>
    rs.length === 0
      ? `| ${label} | – | – | – | – | – |`
      : `| ${label} | ${Math.round(ms(rs))} ms | ${memory ? `${Math.round(mb(rs))} MB` : '–'} | ${size(rs)} | ` +
        `${(ms(rs) / ms(documents.naive)).toFixed(2)} | ${memory ? (mb(rs) / mb(documents.naive)).toFixed(2) : '–'} |`;
  return [
    '## Declaration PDF with 10,000 to 200,000 signatories (each run in its own process)',
    '',
    measured,
    '',
    'Baseline: 10,000 signatories as one tagged PDFKit table built before writing (the naive way). Targets: ' +
      '10,000 in ≤ 1 s and ≤ 150 MB, 50,000 in ≤ 5 s and ≤ 250 MB, peak memory flat as the list grows. Each ' +
      'row is the first document its process renders (V8 has not optimised the renderer yet), except "the third ' +
      'in its process": two documents of the same size rendered before it, as in a worker that has made documents.',
    '',
    '| renderer | median time | median peak RSS growth | size | time vs baseline | memory vs baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('streamed, 10,000', documents.streamed),
    row('streamed, 10,000, the third in its process', documents.streamedLater ?? [], false),
    row('streamed, 50,000', documents.streamedLarge ?? []),
    ...(documents.streamedHuge ?? []).map((r) => row(`streamed, ${r.signatories.toLocaleString('en')} (one run)`, [r])),
    row('naive table, 10,000', documents.naive),
    '',
    ...keptLine(documents.kept?.[0]?.keptMb),
  ];
}

/** What the renderer keeps as the list grows (the peak resident set also holds garbage V8 collects later). */
function keptLine(keptMb: number[] | undefined): string[] {
  if (!keptMb?.length) return [];
  return [
    `Heap in use after a forced collection at every 10,000th row of ${(keptMb.length * 10_000).toLocaleString('en')}` +
      `, less the same just before rendering (what the renderer keeps): ` +
      `${keptMb.map((mb) => `${Math.round(mb)} MB`).join(', ')}: the word cache (up to 20,000 words), the country ` +
      'being listed (the benchmark makes each country’s names at once), an object number a row. The peak resident ' +
      'set is larger: garbage V8 collects later, on a heap it lets grow to some four times what is live.',
    '',
  ];
}
