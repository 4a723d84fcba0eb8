import { buildThroughputApp } from './throughput.ts';

export interface QueryBudgetCase {
  name: string;
  bytes: number;
  status: number;
  /** CPU time of this process per request (app.inject: no network; the embedded database runs here too). */
  cpuMsPerRequest: number;
  wallMsPerRequest: number;
  /** CPU per request over the ordinary query's, measured in the same run. */
  cpuRatio: number;
}

export interface QueryBudgetResult {
  requestsPerCase: number;
  baseline: QueryBudgetCase;
  cases: QueryBudgetCase[];
}

const ORDINARY = '{ alliances { totalCount nodes { slug name } } }';
const directives = (n: number) => `{ alliances ${'@include(if:true) '.repeat(n)}{ totalCount } }`;
/** The most validation work the budget admits: one response name 49 times, nested, in a 1,000-token document. */
const WORST_ADMITTED = `{ alliances { nodes { ${'workingGroups { nodes { slug name } } '.repeat(49)}} } }`;

/**
 * Issue 10, item 1: what refusing an oversized query costs, against an ordinary query in the same run. Each
 * request differs by a comment, so that no parse cache answers; the CPU is measured over all of a case's
 * requests together.
 */
export async function measureQueryBudget({ requests = 200 }: { requests?: number } = {}): Promise<QueryBudgetResult> {
  const { app, database } = await buildThroughputApp({ databaseUrl: undefined });
  try {
    const run = async (name: string, query: string): Promise<Omit<QueryBudgetCase, 'cpuRatio'>> => {
      let status = 0;
      for (let i = 0; i < 20; i++) await inject(`${query} # warm ${i}`); // JIT, connections, loaders
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < requests; i++) status = await inject(`${query} # ${i}`);
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return {
        name,
        bytes: Buffer.byteLength(JSON.stringify({ query })),
        status,
        cpuMsPerRequest: (used.user + used.system) / 1000 / requests,
        wallMsPerRequest: wall / requests,
      };
    };
    const inject = async (query: string) =>
      (await app.inject({ method: 'POST', url: '/graphql', payload: { query } })).statusCode;

    const baseline = await run('ordinary query (baseline)', ORDINARY);
    const withRatio = (c: Omit<QueryBudgetCase, 'cpuRatio'>) => ({
      ...c,
      cpuRatio: c.cpuMsPerRequest / baseline.cpuMsPerRequest,
    });
    const cases = [
      await run('20,000 directives on one field (the issue’s query)', directives(20_000)),
      await run('3,600 directives, just under the length limit', directives(3_600)),
      await run('the most validation work admitted (49 nested repeats)', WORST_ADMITTED),
    ].map(withRatio);

    return { requestsPerCase: requests, baseline: withRatio(baseline), cases };
  } finally {
    await app.close();
    await database.close();
  }
}
