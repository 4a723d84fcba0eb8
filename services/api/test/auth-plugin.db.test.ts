/**
 * The auth plugin: the one place that turns a session cookie into the caller, for GraphQL and plain routes.
 */
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPlugin } from '../src/plugins/auth.ts';
import { configPlugin } from '../src/plugins/config.ts';
import { databasePlugin } from '../src/plugins/database.ts';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { SECRETARIAT } from './reporting-fixtures.ts';

let t: TestApp;
let probe: FastifyInstance;
let session: string;

beforeAll(async () => {
  t = await buildTestApp();
  session = await signIn(t, SECRETARIAT);
  // A bare app with only the plugins a route needs to know its caller, and a route that asks three times.
  probe = Fastify({ logger: false });
  await probe.register(configPlugin, { config: t.app.config });
  await probe.register(databasePlugin, { database: t.database });
  await probe.register(cookie);
  await probe.register(authPlugin);
  probe.get('/whoami', async (request) => {
    const [first, second] = await Promise.all([request.actor(), request.actor()]);
    const signedIn = await request.session();
    return {
      email: first?.email ?? null,
      secretariatOf: first ? first.secretariatOf.size : 0,
      same: first === second,
      person: signedIn?.person.email ?? null,
    };
  });
  await probe.ready();
});
afterAll(async () => {
  await probe.close();
  await t.close();
});

describe('[LOGIN] request.actor() on any route', () => {
  it('loads the caller from the session cookie once per request, however often it is asked', async () => {
    t.resetQueryCount();
    const res = await probe.inject({ method: 'GET', url: '/whoami', headers: { cookie: session } });
    expect(res.json()).toEqual({ email: SECRETARIAT, secretariatOf: 1, same: true, person: SECRETARIAT });
    // The session (one statement, perhaps a second to note it was used) and the rights (two statements).
    expect(t.queryCount()).toBeLessThanOrEqual(4);
  });

  it('is the public without a cookie, or with one that opens no session, and asks the database nothing', async () => {
    t.resetQueryCount();
    const anonymous = await probe.inject({ method: 'GET', url: '/whoami' });
    expect(anonymous.json()).toEqual({ email: null, secretariatOf: 0, same: true, person: null });
    const forged = await probe.inject({ method: 'GET', url: '/whoami', headers: { cookie: 'concord_session=forged' } });
    expect(forged.json()).toMatchObject({ email: null, person: null });
    expect(t.queryCount()).toBe(0);
  });

  it('is the caller the upload routes see: a public upload is refused before its body is read', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/pledges/00000000-0000-7000-8000-000000000000/statement',
      headers: { 'content-type': 'application/pdf', 'x-requested-with': 'test' },
      payload: Buffer.from('%PDF-1.4\n'),
    });
    expect(res.statusCode).toBe(401);
  });
});
