import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JOB_QUEUE_SCHEMA } from '@concord/db';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isGraphQLRoute, isWebSocketUpgrade } from '../graphql/http-protocol.ts';
import type { OperationLabel } from '../graphql/operation-label.ts';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
  interface FastifyRequest {
    /** Set by the GraphQL plugin when an operation runs: what the metrics call it (null: refused before it ran). */
    graphqlOperation: OperationLabel | null;
    /** Set by the GraphQL plugin's error formatter: the `extensions.code` of each error answered. */
    graphqlErrorCodes: string[] | null;
  }
}

/** The counters other parts of the service move; the rest is measured here, per request or per scrape. */
export interface Metrics {
  readonly registry: Registry;
  /** E-mails the worker of this process handed to the mail server. */
  readonly emailsSent: Counter<'queue'>;
  /** `attempt`: a send failed and is retried; `retries_exhausted` and `expired`: given up. */
  readonly emailsFailed: Counter<'queue' | 'reason'>;
  /** Where the metrics listener listens, once the app is ready (METRICS_PORT set). */
  address(): AddressInfo | undefined;
}

interface JobQueueReading {
  queues: {
    name: string;
    table: string;
    readyCount: number;
    deferredCount: number;
    activeCount: number;
    failedCount: number;
  }[];
  oldest: { name: string; seconds: number }[];
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// A scrape that waits longer than this for the database leaves those series out rather than hang the scrape.
const SCRAPE_QUERY_TIMEOUT_MS = 2000;

/**
 * Prometheus metrics (prom-client), served by a listener of its own on METRICS_PORT, never on the public port
 * (docs/adr/0020-metrics-on-a-port-of-their-own.md). What is measured and what each series means: README, "Metrics".
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    // Sampling the event loop and watching garbage collection cost a little all the time: only for a scraper.
    if (app.config.metrics) collectDefaultMetrics({ register: registry });

    const httpDuration = new Histogram({
      name: 'concord_http_request_duration_seconds',
      help: 'HTTP requests by route (the pattern Fastify matched; the portal is /*), method and status',
      labelNames: ['route', 'method', 'status_code'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    });
    const graphqlDuration = new Histogram({
      name: 'concord_graphql_operation_duration_seconds',
      help: 'GraphQL operations over HTTP by name (a portal operation, other, anonymous, or invalid: refused before it ran), type and outcome',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: HTTP_BUCKETS,
      registers: [registry],
    });
    const graphqlErrors = new Counter({
      name: 'concord_graphql_errors_total',
      help: 'Errors in GraphQL answers by operation and extensions.code',
      labelNames: ['operation', 'code'],
      registers: [registry],
    });
    const emailsSent = new Counter({
      name: 'concord_emails_sent_total',
      help: 'E-mails this process handed to the mail server (or the development mailbox), by queue',
      labelNames: ['queue'],
      registers: [registry],
    });
    const emailsFailed = new Counter({
      name: 'concord_emails_failed_total',
      help: 'E-mails this process failed to send, by queue and reason: attempt (retried), retries_exhausted, expired',
      labelNames: ['queue', 'reason'],
      registers: [registry],
    });

    const log = app.log.child({ component: 'metrics' });
    // pg-boss's cached counts (its monitor refreshes them every JOB_MONITOR_SECONDS: a count over the job table that
    // a scrape should not repeat), and the oldest ready job's age read now through pg-boss's own index for ready
    // jobs, by its own definition (pg-boss keeps that age only with persistQueueStats, a snapshot table that grows by
    // a row per queue per pass). prom-client collects the gauges side by side: they share one read per scrape.
    let reading: Promise<JobQueueReading> | undefined;
    const readJobQueues = () => {
      reading ??= readJobQueuesNow().finally(() => {
        reading = undefined;
      });
      return reading;
    };
    async function readJobQueuesNow(): Promise<JobQueueReading> {
      const queues = (await boundedQuery(() => app.jobs.boss.getQueues(), 'job queues')) ?? [];
      const oldest: { name: string; seconds: number }[] = [];
      for (const table of new Set(queues.map((q) => q.table))) {
        const names = queues.filter((q) => q.table === table).map((q) => q.name);
        const boss = sql.identifier(JOB_QUEUE_SCHEMA);
        const rows = await boundedQuery(
          () =>
            app.database.rows<{ name: string; seconds: number }>(sql`
              select name, extract(epoch from (${boss}.job_now() - min(greatest(created_on, start_after))))::float8 as seconds
              from ${boss}.${sql.identifier(table)}
              where name in ${names} and state < 'active' and not blocked and start_after <= ${boss}.job_now()
              group by name`),
          'oldest ready jobs',
        );
        oldest.push(...(rows ?? []));
      }
      return { queues, oldest };
    }
    new Gauge({
      name: 'concord_job_queue_jobs',
      help: "Jobs per queue and state (ready, deferred, active, failed) in the whole database, as of pg-boss's last monitor pass",
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const { queues } = await readJobQueues();
        this.reset();
        for (const q of queues) {
          this.set({ queue: q.name, state: 'ready' }, q.readyCount);
          this.set({ queue: q.name, state: 'deferred' }, q.deferredCount);
          this.set({ queue: q.name, state: 'active' }, q.activeCount);
          this.set({ queue: q.name, state: 'failed' }, q.failedCount);
        }
      },
    });
    new Gauge({
      name: 'concord_job_queue_oldest_ready_seconds',
      help: 'How long the oldest job ready to run has waited (since it was sent, or its retry came due), per queue',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const { oldest } = await readJobQueues();
        this.reset();
        for (const { name, seconds } of oldest) this.set({ queue: name }, Math.max(0, seconds));
      },
    });

    const { database } = app;
    new Gauge({
      name: 'concord_database_info',
      help: 'The database this process runs on: pglite (embedded) or postgres',
      labelNames: ['kind'],
      registers: [registry],
    }).set({ kind: database.kind }, 1);
    new Gauge({
      name: 'concord_database_size_bytes',
      help: 'Size of the database on disk (pg_database_size)',
      registers: [registry],
      async collect() {
        this.reset();
        const rows = await boundedQuery(
          () => database.rows<{ bytes: string }>(sql`select pg_database_size(current_database())::text as bytes`),
          'database size',
        );
        if (rows?.[0]) this.set(Number(rows[0].bytes));
      },
    });
    if (database.applicationName) {
      const applicationName = database.applicationName;
      new Gauge({
        name: 'concord_database_pool_max_connections',
        help: "The most connections this process's pool opens to PostgreSQL (DATABASE_POOL_SIZE)",
        registers: [registry],
      }).set(app.config.databasePoolSize);
      new Gauge({
        name: 'concord_database_pool_connections',
        help: "This process's pool connections to PostgreSQL by state (pg_stat_activity: active, idle, idle in transaction, …)",
        labelNames: ['state'],
        registers: [registry],
        async collect() {
          this.reset();
          const rows = await boundedQuery(
            () =>
              database.rows<{ state: string | null; connections: number }>(
                sql`select state, count(*)::int as connections from pg_stat_activity
                    where application_name = ${applicationName} group by state`,
              ),
            'pool connections',
          );
          for (const row of rows ?? []) this.set({ state: row.state ?? 'unknown' }, row.connections);
        },
      });
    }

    async function boundedQuery<T>(query: () => Promise<T>, what: string): Promise<T | undefined> {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          query(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`timed out after ${SCRAPE_QUERY_TIMEOUT_MS} ms`)),
              SCRAPE_QUERY_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (err) {
        log.warn({ err }, `metrics: ${what} left out of this scrape`);
        return undefined;
      } finally {
        clearTimeout(timer);
      }
    }

    app.decorateRequest('graphqlOperation', null);
    app.decorateRequest('graphqlErrorCodes', null);
    app.addHook('onResponse', async (request, reply) => {
      const seconds = reply.elapsedTime / 1000;
      const route = request.routeOptions.url ?? 'unmatched';
      httpDuration.observe({ route, method: request.method, status_code: reply.statusCode }, seconds);
      if (!isGraphQLRoute(request) || isWebSocketUpgrade(request)) return;
      const label = request.graphqlOperation ?? { operation: 'invalid', type: 'unknown' };
      const codes = request.graphqlErrorCodes ?? [];
      const isError = codes.length > 0 || reply.statusCode >= 400;
      graphqlDuration.observe({ ...label, outcome: isError ? 'error' : 'ok' }, seconds);
      for (const code of codes) graphqlErrors.inc({ operation: label.operation, code });
    });

    let server: Server | undefined;
    const listenOn = app.config.metrics;
    if (listenOn) {
      app.addHook('onReady', async () => {
        server = createServer((request, response) => {
          if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
            response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: this port serves /metrics only');
            return;
          }
          registry.metrics().then(
            (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
            (err: unknown) => {
              log.error({ err }, 'metrics: scrape failed');
              response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected');
            },
          );
        });
        await new Promise<void>((resolve, reject) => {
          server?.once('error', reject);
          server?.listen(listenOn.port, listenOn.host, () => resolve());
        });
        log.info({ address: server.address() }, 'metrics listening');
      });
      app.addHook('onClose', async () => {
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      });
    }

    const metrics: Metrics = {
      registry,
      emailsSent,
      emailsFailed,
      address: () => (server?.address() as AddressInfo | null) ?? undefined,
    };
    app.decorate('metrics', metrics);
  },
  { name: 'metrics', dependencies: ['config', 'database'] },
);
