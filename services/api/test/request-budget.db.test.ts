import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * Issue 10, item 1: one anonymous request under the body limit must not hold the process. A query is
 * refused on its size, its tokens and its directives before graphql-js parses it, and on its fields
 * before validation; these tests send the attacks the issue found and the shapes that make validation
 * quadratic, and check that `/healthz` keeps answering meanwhile.
 */

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** `n` directives on one field: 360 KB for 20,000, under the 1 MiB body limit. */
const directiveBomb = (n: number, salt = 0) =>
  `{ alliances ${'@include(if:true) '.repeat(n)}{ totalCount } } # ${salt}`;

/** One request over its own connection; resolves with the moment the answer ended. */
function send(path: string, body?: string): Promise<{ status: number; text: string; ended: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ended: performance.now() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function timedHealthz(): Promise<number> {
  const started = performance.now();
  const { status, ended } = await send('/healthz');
  expect(status).toBe(200);
  return ended - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe('[AVAILABILITY] a request cannot hold the process', () => {
  it('refuses 20,000 directives on one field (360 KB) with a GraphQL error naming the limit', async () => {
    const res = await t.graphql(directiveBomb(20_000));
    expect(res.statusCode).toBe(400);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(res.errors?.[0]?.message).toMatch(/^The query is 360\d{3} characters long; at most 65536 are accepted/);
  });

  const fragments = (n: number) =>
    `{ alliances { ${Array.from({ length: n }, (_, i) => `...F${i}`).join(' ')} } } ${Array.from(
      { length: n },
      (_, i) => `fragment F${i} on AllianceConnection { totalCount }`,
    ).join(' ')}`;
  const limits: [string, string, RegExp][] = [
    ['2,000 directives (36 KB)', directiveBomb(2_000), /more than 20 directives/],
    ['21 directives', directiveBomb(21), /more than 20 directives/],
    ['1,001 tokens', `{ alliances { ${'totalCount '.repeat(996)}} }`, /more than 1000 tokens/],
    ['21 fragments', fragments(21), /defines 21 fragments; at most 20/],
    ['one field 51 times', `{ alliances { nodes { ${'slug '.repeat(51)}} } }`, /"slug" more than 50 times/],
    [
      'one field 51 times under different parents (the quadratic case)',
      `{ alliances { nodes { ${'workingGroups { totalCount } '.repeat(51)}} } }`,
      /more than 50 times/,
    ],
  ];
  it.each(limits)('refuses %s naming the limit', async (_label, query, message) => {
    const res = await t.graphql(query);
    expect(res.statusCode).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'query' });
    expect(res.errors?.[0]?.message).toMatch(message);
  });

  it('answers a query at every limit', async () => {
    const atLimits = `{ alliances { nodes { ${'slug @include(if: true) '.repeat(20)}${'slug '.repeat(30)}} } }`;
    const res = await t.graphql<{ alliances: { nodes: { slug: string }[] } }>(atLimits);
    expect(res.errors).toBeUndefined();
    expect(res.data?.alliances.nodes.length).toBeGreaterThan(0);
    const twenty = await t.graphql(fragments(20));
    expect(twenty.errors).toBeUndefined();
  });

  it('reports a syntax error after the budget check with its position, as before', async () => {
    const res = await t.graphql('{ alliances { totalCount } ');
    expect(res.statusCode).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/^Syntax Error: Expected Name, found <EOF>/);
  });

  // Written as JSON text: JSON.stringify itself overflows on 100,000 levels, as graphql-js did on the server.
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const slugQuery = JSON.stringify('query($s: String!) { alliance(slug: $s) { name } }');
  const send = async (variables: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: `{"query":${slugQuery},"variables":${variables}}`,
    });
    return {
      status: res.statusCode,
      ...(res.json() as { data?: unknown; errors?: { message: string; extensions: unknown }[] }),
    };
  };
  it.each([
    ['a list 100,000 levels deep in a used variable', `{"s":${nested(100_000)}}`],
    ['a list 100,000 levels deep in a variable the query does not use', `{"s":"x","x":${nested(100_000)}}`],
    ['an object 100,000 levels deep', `{"s":"x","y":${deepObject(100_000)}}`],
    ['an object 33 levels deep', `{"s":"x","y":${deepObject(33)}}`],
  ])('refuses variables nested too deep (%s) as BAD_USER_INPUT, not an internal error', async (_label, variables) => {
    const res = await send(variables);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'variables' });
    expect(res.errors?.[0]?.message).toMatch(/nested more than 32 levels/);
  });

  it('accepts variables nested 32 levels deep (an input needs four or five)', async () => {
    const res = await send(`{"s":"circular-plastics","y":${deepObject(31)}}`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ alliance: { name: expect.any(String) } });
  });

  it('answers /healthz beside a 20,000-directive query within 50 times an idle /healthz', async () => {
    for (let i = 0; i < 5; i++) await timedHealthz(); // warm the route and the connection path
    const idle: number[] = [];
    for (let i = 0; i < 15; i++) idle.push(await timedHealthz());

    const beside: number[] = [];
    for (let round = 0; round < 7; round++) {
      // Each round's query differs, so that no cache answers for the parser. Probes follow one another until
      // the attack is answered; the slowest of them is the one that waited for it, if anything waited.
      let answered = false;
      const bomb = send('/graphql', JSON.stringify({ query: directiveBomb(20_000, round) })).finally(() => {
        answered = true;
      });
      const probes: number[] = [];
      do probes.push(await timedHealthz());
      while (!answered);
      beside.push(Math.max(...probes));
      expect((await bomb).status).toBe(400);
    }
    // Reading and JSON-parsing the 360 KB body alone costs a few milliseconds (docs/benchmarks/latest.md), so
    // the probe beside it may wait that long; before the budget it waited 8–30 s, thousands of times idle.
    const ratio = median(beside) / median(idle);
    expect(ratio, `idle ${median(idle).toFixed(2)} ms, beside ${median(beside).toFixed(2)} ms`).toBeLessThan(50);
  });
});
