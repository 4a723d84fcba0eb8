import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { waitFor } from './journey.ts';

/**
 * `/metrics` (Prometheus text) on a listener of its own (METRICS_PORT), never on the public port; its counts follow
 * real requests, jobs and e-mails on both databases.
 */

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (key !== undefined && value !== undefined) labels[key] = value;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include `labels`; 0 when there is none yet (a counter not yet moved). */
function sampleSum(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}

async function scrape(t: TestApp): Promise<Sample[]> {
  const address = t.app.metrics.address();
  if (!address) throw new Error('no metrics listener');
  const response = await fetch(`http://127.0.0.1:${address.port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

const requestLink = (t: TestApp, email: string) =>
  t.graphql<{ requestLoginLink: { accepted: boolean } }>(
    'mutation RequestLoginLink($email: String!) { requestLoginLink(email: $email) { accepted } }',
    { email },
  );

describe('[METRICS] where they are served', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ template: 'empty', env: { METRICS_PORT: '0', RUN_WORKER: 'false' } });
  });
  afterAll(() => t?.close());

  it('are not on the public port', async () => {
    const response = await t.app.inject('/metrics');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('concord_');
  });

  it('are on a listener of their own, on loopback unless told otherwise, serving /metrics and nothing else', async () => {
    const address = t.app.metrics.address();
    expect(address?.address).toBe('127.0.0.1');
    expect(address?.port).not.toBe(0);
    const other = await fetch(`http://127.0.0.1:${address?.port}/graphql`);
    expect(other.status).toBe(404);
    const posted = await fetch(`http://127.0.0.1:${address?.port}/metrics`, { method: 'POST' });
    expect(posted.status).toBe(404);
  });

  it('have no listener without METRICS_PORT, and sample nothing of the process for nobody', async () => {
    const plain = await buildTestApp({ template: 'empty', env: { RUN_WORKER: 'false' } });
    try {
      expect(plain.app.metrics.address()).toBeUndefined();
      expect(plain.app.metrics.registry.getSingleMetric('nodejs_eventloop_lag_seconds')).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('[METRICS] what they count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ template: 'demo', env: { METRICS_PORT: '0' } });
  });
  afterAll(() => t?.close());

  it('counts GraphQL operations by name from a bounded set, and by outcome', async () => {
    const before = await scrape(t);
    const count = (operation: string, outcome = 'ok') =>
      sampleSum(before, 'concord_graphql_operation_duration_seconds_count', { operation, outcome });

    // The portal's own names are labels; any other name is `other`; no name is `anonymous`.
    for (let i = 0; i < 3; i++) await t.graphql('query Alliances { alliances(first: 1) { totalCount } }');
    await t.graphql('query MadeUpByAClient { alliances(first: 1) { totalCount } }');
    await t.graphql('query AnotherMadeUpName { alliances(first: 1) { totalCount } }');
    await t.graphql('{ alliances(first: 1) { totalCount } }');
    // Refused before it ran, and an error while it ran.
    await t.graphql('query Alliances { noSuchField }');
    await t.graphql('query AllianceHome { alliance(slug: "no-such-alliance") { name } }');

    const after = await scrape(t);
    const moved = (operation: string, outcome = 'ok') =>
      sampleSum(after, 'concord_graphql_operation_duration_seconds_count', { operation, outcome }) -
      count(operation, outcome);
    expect(moved('Alliances')).toBe(3);
    expect(moved('other')).toBe(2);
    expect(moved('anonymous')).toBe(1);
    expect(moved('invalid', 'error')).toBe(1);
    expect(moved('AllianceHome', 'error')).toBe(1);
    expect(sampleSum(after, 'concord_graphql_operation_duration_seconds_count', { operation: 'Alliances' })).toBe(
      sampleSum(after, 'concord_graphql_operation_duration_seconds_count', { operation: 'Alliances', type: 'query' }),
    );
    expect(after.some((s) => s.labels.operation === 'MadeUpByAClient')).toBe(false);
    expect(
      sampleSum(after, 'concord_graphql_errors_total', { operation: 'invalid', code: 'BAD_USER_INPUT' }) -
        sampleSum(before, 'concord_graphql_errors_total', { operation: 'invalid', code: 'BAD_USER_INPUT' }),
    ).toBe(1);
    expect(
      sampleSum(after, 'concord_graphql_errors_total', { operation: 'AllianceHome', code: 'NOT_FOUND' }) -
        sampleSum(before, 'concord_graphql_errors_total', { operation: 'AllianceHome', code: 'NOT_FOUND' }),
    ).toBe(1);
  });

  it('counts plain HTTP routes by the pattern they matched, not by the address asked for', async () => {
    const route = { route: '/documents/:file', method: 'GET', status_code: '404' };
    const before = sampleSum(await scrape(t), 'concord_http_request_duration_seconds_count', route);
    for (const file of ['a.pdf', 'b.pdf', 'c.pdf']) {
      expect((await t.app.inject(`/documents/${file}`)).statusCode).toBe(404);
    }
    const after = await scrape(t);
    expect(sampleSum(after, 'concord_http_request_duration_seconds_count', route) - before).toBe(3);
    expect(after.some((s) => s.labels.route?.includes('a.pdf'))).toBe(false);
  });

  it('counts e-mails sent, per queue', async () => {
    const sent = { queue: 'send-login-email' };
    const before = sampleSum(await scrape(t), 'concord_emails_sent_total', sent);
    for (const email of ['metrics.one@recycler.example.de', 'metrics.two@recycler.example.de']) {
      expect((await requestLink(t, email)).data).toEqual({ requestLoginLink: { accepted: true } });
    }
    const after = await waitFor(async () => {
      const samples = await scrape(t);
      return sampleSum(samples, 'concord_emails_sent_total', sent) - before >= 2 ? samples : undefined;
    }, 'two log-in links sent');
    expect(sampleSum(after, 'concord_emails_sent_total', sent) - before).toBe(2);
  });

  it("reports the database it runs on, its size, and this process's PostgreSQL pool", async () => {
    const samples = await scrape(t);
    expect(sampleSum(samples, 'concord_database_info', { kind: t.database.kind })).toBe(1);
    expect(sampleSum(samples, 'concord_database_size_bytes')).toBeGreaterThan(0);
    if (t.database.kind === 'postgres') {
      const connections = sampleSum(samples, 'concord_database_pool_connections');
      // The scrape's own query runs on the pool; the test's helper opens at most DATABASE_POOL_SIZE.
      expect(connections).toBeGreaterThanOrEqual(1);
      expect(connections).toBeLessThanOrEqual(sampleSum(samples, 'concord_database_pool_max_connections'));
    } else {
      // PGlite is one session in this process: no pool to report.
      expect(samples.some((s) => s.name.startsWith('concord_database_pool'))).toBe(false);
    }
  });

  it("exposes the process's own metrics", async () => {
    const samples = await scrape(t);
    expect(sampleSum(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
  });
});

describe('[METRICS] the job queues', () => {
  it('show the depth of each queue and how long its oldest ready job has waited', async () => {
    // No worker: what is queued stays queued. pg-boss counts at each monitor pass (every second here).
    const t = await buildTestApp({
      template: 'empty',
      env: { METRICS_PORT: '0', RUN_WORKER: 'false', JOB_MONITOR_SECONDS: '1' },
    });
    try {
      const queuedFrom = Date.now();
      for (let i = 0; i < 4; i++) await requestLink(t, `queued.${i}@recycler.example.de`);
      const samples = await waitFor(async () => {
        const s = await scrape(t);
        return sampleSum(s, 'concord_job_queue_jobs', { queue: 'send-login-email', state: 'ready' }) === 4
          ? s
          : undefined;
      }, 'four ready log-in e-mails counted');
      expect(sampleSum(samples, 'concord_job_queue_jobs', { queue: 'send-login-email', state: 'active' })).toBe(0);
      expect(sampleSum(samples, 'concord_job_queue_jobs', { queue: 'send-email', state: 'ready' })).toBe(0);
      const oldest = (queue: string) =>
        samples.find((s) => s.name === 'concord_job_queue_oldest_ready_seconds' && s.labels.queue === queue);
      expect(oldest('send-login-email')?.value).toBeGreaterThanOrEqual(0);
      // A queue with nothing ready has no oldest job.
      expect(oldest('send-email')).toBeUndefined();
      // The age grows while the job waits: past a second once a second has passed, and never more than the time
      // since the first was queued (the monitor counts once a second, so a reading may be a second old).
      const aged = await waitFor(async () => {
        const age = (await scrape(t)).find(
          (s) => s.name === 'concord_job_queue_oldest_ready_seconds' && s.labels.queue === 'send-login-email',
        )?.value;
        return age !== undefined && age >= 1.5 ? age : undefined;
      }, 'the oldest ready log-in e-mail a second and a half old');
      expect(aged).toBeLessThanOrEqual((Date.now() - queuedFrom) / 1000 + 1);
    } finally {
      await t.close();
    }
  });

  it('count e-mails whose send failed, by reason', async () => {
    // A mail server that refuses connections: each attempt fails and is retried.
    const t = await buildTestApp({
      template: 'empty',
      env: { METRICS_PORT: '0', SMTP_URL: 'smtp://127.0.0.1:1', SMTP_SEND_TIMEOUT_SECONDS: '2' },
    });
    try {
      await requestLink(t, 'refused@recycler.example.de');
      const failed = { queue: 'send-login-email', reason: 'attempt' };
      const samples = await waitFor(async () => {
        const s = await scrape(t);
        return sampleSum(s, 'concord_emails_failed_total', failed) >= 1 ? s : undefined;
      }, 'a failed attempt counted');
      expect(sampleSum(samples, 'concord_emails_sent_total', { queue: 'send-login-email' })).toBe(0);
    } finally {
      await t.close();
    }
  });
});
