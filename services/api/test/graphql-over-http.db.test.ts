import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * Issue 10, item 7: the GraphQL-over-HTTP specification's MUST and SHOULD points that Concord implements,
 * one row each. `gql` is application/graphql-response+json, `json` application/json.
 */

const GQL = 'application/graphql-response+json';
const JSON_TYPE = 'application/json';
const SLUG = 'circular-plastics';

let t: TestApp;
let production: TestApp;

beforeAll(async () => {
  [t, production] = await Promise.all([
    buildTestApp(),
    buildTestApp({ env: { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:1', RUN_WORKER: 'false' } }),
  ]);
});
afterAll(() => Promise.all([t.close(), production.close()]));

interface Request {
  method?: 'GET' | 'POST';
  /** POST: the JSON body (a string is sent as it is). GET: the query parameters. */
  body?: unknown;
  accept?: string;
}

async function send({ method = 'POST', body, accept }: Request, app: TestApp = t) {
  const headers: Record<string, string> = accept === undefined ? {} : { accept };
  const response =
    method === 'GET'
      ? await app.app.inject({
          method,
          url: `/graphql?${new URLSearchParams(body as Record<string, string>)}`,
          headers,
        })
      : await app.app.inject({
          method,
          url: '/graphql',
          headers: { ...headers, 'content-type': 'application/json' },
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        });
  const json = response.body ? (response.json() as Record<string, unknown>) : {};
  return {
    status: response.statusCode,
    type: String(response.headers['content-type']),
    json,
    headers: response.headers,
  };
}

const ok = { query: '{ alliances { totalCount } }' };

describe('[HTTP] the media type of the answer follows Accept', () => {
  const rows: [string, string | undefined, number, string][] = [
    ['no Accept: the preferred type (the default since 2025-01-01)', undefined, 200, GQL],
    ['application/json', JSON_TYPE, 200, JSON_TYPE],
    ['application/graphql-response+json', GQL, 200, GQL],
    ['the recommended header', `${GQL}; charset=utf-8, ${JSON_TYPE}; charset=utf-8`, 200, GQL],
    ['both, application/json listed first', `${JSON_TYPE}, ${GQL}`, 200, JSON_TYPE],
    ['both, application/json of higher quality', `${GQL};q=0.5, ${JSON_TYPE}`, 200, JSON_TYPE],
    ['*/* (a browser, curl)', '*/*', 200, GQL],
    ['application/*', 'application/*', 200, GQL],
    ['the preferred type refused with q=0', `${GQL};q=0, */*`, 200, JSON_TYPE],
    ['neither type (text/html): 406', 'text/html', 406, JSON_TYPE],
    ['application/json in another charset: 406', `${JSON_TYPE}; charset=iso-8859-1`, 406, JSON_TYPE],
  ];
  it.each(rows)('%s', async (_label, accept, status, type) => {
    const res = await send({ body: ok, accept });
    expect(res.status).toBe(status);
    expect(res.type).toBe(`${type}; charset=utf-8`);
    if (status === 406) expect(res.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    else expect(res.json).toMatchObject({ data: { alliances: { totalCount: expect.any(Number) } } });
  });
});

describe('[HTTP] status codes: a request error is 400 as gql and 200 as json, with no data', () => {
  const signatories = `query($first: Int) { alliance(slug: "${SLUG}") { signatories(first: $first) { totalCount } } }`;
  const rows: [string, Request['body']][] = [
    ['a document that does not parse', { query: '{' }],
    ['a document that does not validate', { query: '{ nothing }' }],
    ['variables that do not fit their types', { query: signatories, variables: { first: 'ten' } }],
    ['an operation that is not in the document', { query: 'query A { alliances { totalCount } }', operationName: 'B' }],
    ['several operations and no operationName', { query: 'query A { __typename } query B { __typename }' }],
  ];
  it.each(rows)('%s', async (_label, body) => {
    for (const [accept, status] of [
      [GQL, 400],
      [JSON_TYPE, 200],
    ] as const) {
      const res = await send({ body, accept });
      expect(res.status, `${accept}: ${JSON.stringify(res.json)}`).toBe(status);
      expect(res.json).not.toHaveProperty('data');
      expect((res.json.errors as unknown[]).length).toBeGreaterThan(0);
    }
  });

  const executed: [string, Request['body']][] = [
    ['a field error with data (an unknown slug)', { query: '{ alliance(slug: "no-such-alliance") { name } }' }],
    ['a refused mutation, data null', { query: 'mutation { requestLoginLink(email: "not an address") { accepted } }' }],
  ];
  it.each(executed)('an executed request is 200 under both types, with data: %s', async (_label, body) => {
    for (const accept of [GQL, JSON_TYPE]) {
      const res = await send({ body, accept });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('data');
      expect((res.json.errors as unknown[]).length).toBeGreaterThan(0);
    }
  });
});

describe('[HTTP] a request that is not well-formed is 400 under both types', () => {
  const rows: [string, Request, string | undefined][] = [
    ['a body that is not JSON', { body: '{"query":' }, undefined],
    ['a body that is a JSON array', { body: [ok] }, 'query'],
    ['no query', { body: {} }, 'query'],
    ['a query that is not a string', { body: { query: 5 } }, 'query'],
    ['variables that are a list', { body: { ...ok, variables: [7] } }, 'variables'],
    ['an operationName that is a number', { body: { ...ok, operationName: 5 } }, 'operationName'],
    ['extensions that are a number', { body: { ...ok, extensions: 5 } }, 'extensions'],
    ['GET variables that are not JSON', { method: 'GET', body: { ...ok, variables: '{first' } }, 'variables'],
    ['GET variables that are a JSON list', { method: 'GET', body: { ...ok, variables: '[7]' } }, 'variables'],
    ['GET extensions that are a JSON number', { method: 'GET', body: { ...ok, extensions: '5' } }, 'extensions'],
  ];
  it.each(rows)('%s', async (_label, request, field) => {
    for (const accept of [GQL, JSON_TYPE]) {
      const res = await send({ ...request, accept });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      const error = (res.json.errors as { extensions: Record<string, unknown> }[])[0];
      if (field) expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
      else expect(error?.extensions?.code).toBe('BAD_REQUEST');
    }
  });
});

describe('[HTTP] a body over the limit', () => {
  it('is 413 under both types (the portal says the form was too large)', async () => {
    const body = { query: 'query($s: String) { alliances { totalCount } }', variables: { s: 'x'.repeat(1_100_000) } };
    for (const accept of [GQL, JSON_TYPE]) expect((await send({ body, accept })).status).toBe(413);
  });
});

describe('[HTTP] null for an optional parameter is the parameter left out', () => {
  it.each([
    [
      'POST with variables, operationName and extensions null',
      { body: { ...ok, variables: null, operationName: null, extensions: null } },
    ],
    ['POST with extensions an object', { body: { ...ok, extensions: { persistedQuery: null } } }],
    ['GET with extensions null', { method: 'GET', body: { ...ok, extensions: 'null', variables: 'null' } }],
    ['GET with an empty operationName', { method: 'GET', body: { ...ok, operationName: '' } }],
  ] as [string, Request][])('%s', async (_label, request) => {
    const res = await send(request);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ data: { alliances: { totalCount: expect.any(Number) } } });
  });
});

describe('[HTTP] GET', () => {
  it('runs a query', async () => {
    const res = await send({ method: 'GET', body: ok, accept: JSON_TYPE });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ data: { alliances: { totalCount: expect.any(Number) } } });
  });

  it('refuses a mutation with 405 and Allow, under both types, and runs nothing', async () => {
    const mutation = { query: 'mutation { requestLoginLink(email: "a@example.org") { accepted } }' };
    for (const accept of [GQL, JSON_TYPE]) {
      const res = await send({ method: 'GET', body: mutation, accept });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, POST');
      expect(res.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
      expect(res.json).not.toHaveProperty('data');
    }
    const named = { query: 'query Q { __typename } mutation M { logout }', operationName: 'M' };
    expect((await send({ method: 'GET', body: named })).status).toBe(405);
  });

  it('answers an operationName that is not in the document as a request error, not a fault', async () => {
    const res = await send({ method: 'GET', body: { ...ok, operationName: 'Nope' }, accept: GQL });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});

describe('[HTTP] no schema hints in production', () => {
  const filtered = `query($f: PledgeFilter) { alliance(slug: "${SLUG}") { pledges(filter: $f) { totalCount } } }`;
  // Each misspelling, and the name only a suggestion would reveal.
  const misspelt: [string, Request['body'], RegExp][] = [
    ['a field', { query: '{ aliances { totalCount } }' }, /"alliances"/],
    ['an argument', { query: `{ alliance(slugg: "${SLUG}", slug: "${SLUG}") { name } }` }, /"slug"/],
    [
      'an enum value written in the query',
      { query: `{ alliance(slug: "${SLUG}") { pledges(filter: { kind: SUPLY }) { totalCount } } }` },
      /"SUPPLY"/,
    ],
    ['an enum value in variables', { query: filtered, variables: { f: { kind: 'SUPLY' } } }, /"SUPPLY"/],
    ['an input field in variables', { query: filtered, variables: { f: { kinds: 'UPTAKE' } } }, /"kind"/],
  ];
  it.each(misspelt)('%s: "Did you mean" in development, not in production', async (_label, body, hint) => {
    const development = (await send({ body })).json.errors as { message: string }[];
    expect(development.map((e) => e.message).join('\n')).toMatch(/Did you mean/);
    expect(development.map((e) => e.message).join('\n')).toMatch(hint);
    const res = await send({ body }, production);
    expect(res.status).toBe(400);
    const messages = (res.json.errors as { message: string }[]).map((e) => e.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).not.toMatch(/Did you mean/);
      expect(message).not.toMatch(hint);
    }
  });
});
