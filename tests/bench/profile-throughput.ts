/**
 * What the throughput benchmark compares, looked at closely: the SQL each side sends per request, whether
 * both answer with the same data, and (with `node --cpu-prof`) where the time goes. Not part of `pnpm bench`.
 *
 *   tsx tests/bench/profile-throughput.ts                      # PGlite
 *   BENCH_DATABASE_URL=postgres://… tsx tests/bench/profile-throughput.ts
 *   PROFILE_SIDE=graphql PROFILE_REQUESTS=3000 node --cpu-prof --import tsx tests/bench/profile-throughput.ts
 */
import { isDeepStrictEqual } from 'node:util';
import { buildThroughputApp } from './throughput.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
const side = process.env.PROFILE_SIDE ?? 'both';
const requests = Number(process.env.PROFILE_REQUESTS ?? 2000);
const concurrency = 10;

let statements: string[] = [];
const { app, database, graphqlBody } = await buildThroughputApp({
  databaseUrl,
  onQuery: (sql) => void statements.push(sql),
});
await app.ready();

const graphqlRequest = () =>
  app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: graphqlBody,
  });
const plainRequest = () => app.inject({ method: 'GET', url: '/bench/signatories' });

try {
  // One request each: statements sent, bytes answered, same data.
  for (const [name, send] of [
    ['graphql', graphqlRequest],
    ['plain', plainRequest],
  ] as const) {
    await send();
    statements = [];
    const response = await send();
    console.log(`${name}: ${response.statusCode}, ${statements.length} statements, ${response.body.length} bytes`);
    for (const sql of statements) console.log(`  ${sql.slice(0, 140)}`);
  }
  const graphqlData = (await graphqlRequest()).json().data.alliance.signatories;
  const plainData = (await plainRequest()).json();
  console.log(`same data: ${isDeepStrictEqual(graphqlData, plainData)}`);
  console.log(
    `bytes of the data alone: graphql ${JSON.stringify(graphqlData).length}, plain ${JSON.stringify(plainData).length}`,
  );

  // Alternating rounds, so that other work on the machine weighs on both sides alike. CPU time of this process
  // per request is steadier than requests per second on a busy machine.
  const rounds = Number(process.env.PROFILE_ROUNDS ?? 6);
  const perRound = Math.ceil(requests / rounds);
  const sides = (
    [
      ['graphql', graphqlRequest],
      ['plain', plainRequest],
    ] as const
  ).filter(([name]) => side === 'both' || side === name);
  const totals = new Map(sides.map(([name]) => [name, { requests: 0, ms: 0, cpuMs: 0 }]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, send] of sides) {
      let next = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < perRound) await send();
        }),
      );
      const total = totals.get(name);
      if (!total) continue;
      const used = process.cpuUsage(cpu);
      total.requests += perRound;
      total.ms += performance.now() - started;
      total.cpuMs += (used.user + used.system) / 1000;
    }
  }
  for (const [name, t] of totals) {
    console.log(
      `${name}: ${t.requests} inject() requests, ${((t.requests * 1000) / t.ms).toFixed(0)}/s, ` +
        `${(t.cpuMs / t.requests).toFixed(2)} ms CPU each`,
    );
  }
  const g = totals.get('graphql');
  const p = totals.get('plain');
  if (g && p) {
    console.log(
      `ratio: throughput ${(g.requests / g.ms / (p.requests / p.ms)).toFixed(3)}, ` +
        `CPU per request ${(p.cpuMs / p.requests / (g.cpuMs / g.requests)).toFixed(3)} (plain / graphql)`,
    );
  }
} finally {
  await app.close();
  await database.close();
}
