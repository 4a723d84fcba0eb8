import { createDatabase, type DatabaseHandle } from '@concord/db';
import { seedDemo } from '@concord/db/seed';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { buildApp, loadConfig } from '../../services/api/src/index.ts';
import { getAllianceBySlug } from '../../services/api/src/modules/alliance/alliance.service.ts';
import { loadMemberships } from '../../services/api/src/modules/organisation/organisation.service.ts';
import {
  countSignatories,
  listSignatories,
  signatoryCursor,
} from '../../services/api/src/modules/signatory/signatory.service.ts';

export const SIGNATORIES_QUERY = `query Register($slug: String!, $first: Int!) {
  alliance(slug: $slug) {
    signatories(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id activeSince organisation { id legalName country kind size stages
        workingGroups { role workingGroup { name } } } }
    }
  }
}`;

export interface ThroughputResult {
  database: 'pglite' | 'postgres';
  connections: number;
  durationSeconds: number;
  /** Each side ran `rounds` times for durationSeconds / rounds, taking turns (absent before 2026-11-26). */
  rounds?: number;
  graphqlRequestsPerSecond: number;
  plainRequestsPerSecond: number;
  ratio: number;
  /** GraphQL over plain in each round: how much the machine's other work moved the figure. */
  roundRatios?: number[];
  /** CPU time of this process (server and load generator) per request, all rounds together. */
  graphqlCpuMsPerRequest?: number;
  plainCpuMsPerRequest?: number;
  /**
   * Plain CPU per request over GraphQL's: the ratio of requests per second the two would reach on a core of
   * their own. Other processes on a shared machine move it much less than the ratio of requests per second.
   */
  cpuRatio?: number;
}

/**
 * `signatories(first: 50)` over GraphQL against a plain Fastify route that runs the same service functions
 * (the same SQL) and returns the same data as JSON, in one process. The two take turns in short rounds,
 * GraphQL first in one round and the plain route first in the next, so that other work on a shared machine
 * weighs on both alike; each side's figure is its requests over its time, all rounds together.
 */
export async function measureThroughput({
  databaseUrl,
  durationSeconds,
  connections,
  rounds = Math.max(1, Math.round(durationSeconds / 2)),
}: {
  databaseUrl: string | undefined;
  durationSeconds: number;
  connections: number;
  rounds?: number;
}): Promise<ThroughputResult> {
  const { app, database, graphqlBody } = await buildThroughputApp({ databaseUrl });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sides = {
    graphql: {
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: graphqlBody,
    },
    plain: { url: `${base}/bench/signatories` },
  } satisfies Record<string, autocannon.Options>;
  const totals = {
    graphql: { requests: 0, seconds: 0, cpuMs: 0 },
    plain: { requests: 0, seconds: 0, cpuMs: 0 },
  };
  const roundRatios: number[] = [];

  const run = async (side: keyof typeof sides, duration: number) => {
    const cpu = process.cpuUsage();
    const result = await autocannon({ connections, duration, ...sides[side] });
    const used = process.cpuUsage(cpu);
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`errors during the run: ${side} ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return { requests: result.requests.total, seconds: result.duration, cpuMs: (used.user + used.system) / 1000 };
  };
  try {
    // Warm both paths (JIT compilation of the query, database caches) before measuring.
    await run('graphql', 2);
    await run('plain', 2);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['graphql', 'plain'] as const) : (['plain', 'graphql'] as const);
      const rates = { graphql: 0, plain: 0 };
      for (const side of order) {
        const { requests, seconds, cpuMs } = await run(side, durationSeconds / rounds);
        totals[side].requests += requests;
        totals[side].seconds += seconds;
        totals[side].cpuMs += cpuMs;
        rates[side] = requests / seconds;
      }
      roundRatios.push(rates.graphql / rates.plain);
    }
    const graphqlRequestsPerSecond = totals.graphql.requests / totals.graphql.seconds;
    const plainRequestsPerSecond = totals.plain.requests / totals.plain.seconds;
    const graphqlCpuMsPerRequest = totals.graphql.cpuMs / totals.graphql.requests;
    const plainCpuMsPerRequest = totals.plain.cpuMs / totals.plain.requests;
    return {
      database: database.kind,
      connections,
      durationSeconds,
      rounds,
      graphqlRequestsPerSecond,
      plainRequestsPerSecond,
      ratio: graphqlRequestsPerSecond / plainRequestsPerSecond,
      roundRatios,
      graphqlCpuMsPerRequest,
      plainCpuMsPerRequest,
      cpuRatio: plainCpuMsPerRequest / graphqlCpuMsPerRequest,
    };
  } finally {
    await app.close();
    await database.close();
  }
}

/**
 * The app with the baseline route beside /graphql, on a seeded database: shared by the benchmark and by
 * tests/bench/profile-throughput.ts (which also counts the SQL statements each side sends).
 */
export async function buildThroughputApp({
  databaseUrl,
  onQuery,
}: {
  databaseUrl: string | undefined;
  onQuery?: (sql: string) => void;
}) {
  const database = await openBenchDatabase(databaseUrl, onQuery);
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
  // The baseline: what a hand-written REST endpoint would do with the same queries.
  app.get('/bench/signatories', async () => {
    const alliance = await getAllianceBySlug(database.db, 'circular-plastics');
    const [page, totalCount] = await Promise.all([
      listSignatories(database.db, alliance.id, { first: 50, filter: {} }),
      countSignatories(database.db, alliance.id, {}),
    ]);
    const memberships = await loadMemberships(
      database.db,
      page.rows.map((r) => r.organisation.id),
    );
    const last = page.rows.at(-1);
    return {
      totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? signatoryCursor(last) : null },
      nodes: page.rows.map((r, i) => ({
        id: r.id,
        activeSince: r.activeSince,
        organisation: {
          id: r.organisation.id,
          legalName: r.organisation.legalName,
          country: r.organisation.country,
          kind: r.organisation.kind.toUpperCase(),
          size: r.organisation.size.toUpperCase(),
          stages: r.organisation.stages.map((s) => s.toUpperCase()),
          workingGroups: (memberships[i] ?? []).map((m) => ({
            role: m.role.toUpperCase(),
            workingGroup: { name: m.workingGroup.name },
          })),
        },
      })),
    };
  });
  const graphqlBody = JSON.stringify({ query: SIGNATORIES_QUERY, variables: { slug: 'circular-plastics', first: 50 } });
  return { app, database, graphqlBody };
}

/** PGlite in memory, or a fresh database on the given PostgreSQL server (dropped on close). */
async function openBenchDatabase(
  serverUrl: string | undefined,
  onQuery?: (sql: string) => void,
): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const database = await createDatabase({ onQuery });
    await database.migrate();
    await seedDemo(database.db);
    return database;
  }
  const name = `concord_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({ url: url.toString(), maxConnections: 10, onQuery });
  await database.migrate();
  await seedDemo(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}
