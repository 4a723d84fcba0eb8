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
  graphqlRequestsPerSecond: number;
  plainRequestsPerSecond: number;
  ratio: number;
}

/**
 * `signatories(first: 50)` over GraphQL against a plain Fastify route that runs the same service functions
 * (the same SQL) and returns the same data as JSON, in one process, one after the other.
 */
export async function measureThroughput({
  databaseUrl,
  durationSeconds,
  connections,
}: {
  databaseUrl: string | undefined;
  durationSeconds: number;
  connections: number;
}): Promise<ThroughputResult> {
  const database = await openBenchDatabase(databaseUrl);
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
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const graphqlBody = JSON.stringify({ query: SIGNATORIES_QUERY, variables: { slug: 'circular-plastics', first: 50 } });

  const run = (options: autocannon.Options) => autocannon({ connections, duration: durationSeconds, ...options });
  try {
    // Warm both paths (JIT compilation of the query, database caches) before measuring.
    await run({
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: graphqlBody,
      duration: 2,
    });
    await run({ url: `${base}/bench/signatories`, duration: 2 });
    const graphql = await run({
      url: `${base}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: graphqlBody,
    });
    const plain = await run({ url: `${base}/bench/signatories` });
    if (graphql.non2xx > 0 || plain.non2xx > 0 || graphql.errors > 0 || plain.errors > 0) {
      throw new Error(
        `errors during the run: graphql ${graphql.non2xx}/${graphql.errors}, plain ${plain.non2xx}/${plain.errors}`,
      );
    }
    return {
      database: database.kind,
      connections,
      durationSeconds,
      graphqlRequestsPerSecond: graphql.requests.average,
      plainRequestsPerSecond: plain.requests.average,
      ratio: graphql.requests.average / plain.requests.average,
    };
  } finally {
    await app.close();
    await database.close();
  }
}

/** PGlite in memory, or a fresh database on the given PostgreSQL server (dropped on close). */
async function openBenchDatabase(serverUrl: string | undefined): Promise<DatabaseHandle> {
  if (!serverUrl) {
    const database = await createDatabase();
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
  const database = await createDatabase({ url: url.toString(), maxConnections: 10 });
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
