import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@concord/db';
import { isWellFormedRequestId, loggableUrl, REQUEST_ID_HEADER } from '@concord/schema/values';
import cookie from '@fastify/cookie';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from './config.ts';
import { activityModule } from './modules/activity/activity.module.ts';
import { allianceModule } from './modules/alliance/alliance.module.ts';
import { announcementModule } from './modules/announcement/announcement.module.ts';
import { auditModule } from './modules/audit/audit.module.ts';
import { authModule } from './modules/auth/auth.module.ts';
import { commitmentModule } from './modules/commitment/commitment.module.ts';
import { declarationModule } from './modules/declaration/declaration.module.ts';
import { documentModule } from './modules/document/document.module.ts';
import { languageModule } from './modules/language/language.module.ts';
import { mailModule } from './modules/mail/mail.module.ts';
import { meetingModule } from './modules/meeting/meeting.module.ts';
import { meetingCommentModule } from './modules/meeting-comment/meeting-comment.module.ts';
import type { ConcordModule } from './modules/module.ts';
import { openDataModule } from './modules/open-data/open-data.module.ts';
import { organisationModule } from './modules/organisation/organisation.module.ts';
import { personalDataModule } from './modules/personal-data/personal-data.module.ts';
import { pledgeModule } from './modules/pledge/pledge.module.ts';
import { progressModule } from './modules/progress/progress.module.ts';
import { registerImportModule } from './modules/register-import/register-import.module.ts';
import { reportingModule } from './modules/reporting/reporting.module.ts';
import { reviewQueueModule } from './modules/review-queue/review-queue.module.ts';
import { signatoryModule } from './modules/signatory/signatory.module.ts';
import { signingModule } from './modules/signing/signing.module.ts';
import { steeringCommitteeModule } from './modules/steering-committee/steering-committee.module.ts';
import { workingGroupModule } from './modules/working-group/working-group.module.ts';
import { authPlugin } from './plugins/auth.ts';
import { configPlugin } from './plugins/config.ts';
import { databasePlugin } from './plugins/database.ts';
import { graphqlPlugin } from './plugins/graphql.ts';
import { healthRoutes } from './plugins/health.ts';
import { jobsPlugin } from './plugins/jobs.ts';
import { metricsPlugin } from './plugins/metrics.ts';
import { requestScopePlugin } from './plugins/request-scope.ts';
import { securityHeadersPlugin } from './plugins/security-headers.ts';
import { startTelemetry, type Telemetry } from './telemetry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** OpenTelemetry traces (telemetry.ts): a no-op tracer unless an OTLP endpoint is configured. */
    telemetry: Telemetry;
  }
}

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
}

/** The domain modules the service mounts: each adds GraphQL fields, loaders and plain HTTP routes (modules/module.ts). */
export const modules: readonly ConcordModule[] = [
  allianceModule,
  declarationModule,
  organisationModule,
  signingModule,
  signatoryModule,
  workingGroupModule,
  steeringCommitteeModule,
  meetingModule,
  meetingCommentModule,
  commitmentModule,
  activityModule,
  announcementModule,
  pledgeModule,
  reportingModule,
  reviewQueueModule,
  registerImportModule,
  progressModule,
  openDataModule,
  documentModule,
  authModule,
  mailModule,
  languageModule,
  auditModule,
  personalDataModule,
];

/** The whole service in one screen: plugins, then the modules' GraphQL API, then their plain HTTP routes. */
export async function buildApp({ config, database, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      serializers: {
        // Fastify's own, less the one-time tokens some addresses carry (a log-in link's).
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: loggableUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    // One id for a request in every process it crosses: the portal's (or a proxy's) when it sends a well-formed
    // one, a new one otherwise. Answers say which it was (X-Request-Id), so a report of an error can name it.
    requestIdHeader: false,
    // Fastify gives each plugin 10 s to start; the job queue's start (pg-boss's schema check and schedules) has
    // taken longer on a machine busy with other work, and the whole process then exited. Starting slowly is not an
    // error; a start that hangs is still cut off.
    pluginTimeout: 120_000,
    genReqId: (raw) => {
      const incoming = raw.headers[REQUEST_ID_HEADER];
      return isWellFormedRequestId(incoming) ? incoming : randomUUID();
    },
    // The portal (on loopback) forwards its client's address in X-Forwarded-For, and so does a load
    // balancer listed in TRUST_PROXY; nobody else is believed (rate limits count by this address).
    trustProxy: config.trustProxy,
    // A stopping process no longer accepts connections, but answers every request that reached it (Fastify's
    // default is 503 for requests read after close() began; tests/process/replicas.db.test.ts drains under load).
    return503OnClosing: false,
  });

  const telemetry = startTelemetry(config);
  app.decorate('telemetry', telemetry);
  // Last of all on close: the spans of the shutdown itself are sent too.
  app.addHook('onClose', () => telemetry.shutdown());
  if (telemetry.enabled) {
    // Before every route and hook it is to cover (@fastify/otel wraps what is registered after it). One span per
    // request, joined to the caller's trace when a traceparent comes with it; the hooks' own spans are left out.
    const instrumentation = new FastifyOtelInstrumentation({ instrumentHooks: false, ignorePaths: '/healthz' });
    instrumentation.setTracerProvider(telemetry.provider);
    await app.register(instrumentation.plugin());
  }
  // First, so that every other hook and handler runs in its request's scope (lifecycle.ts reads it).
  await app.register(requestScopePlugin);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  await app.register(configPlugin, { config });
  await app.register(securityHeadersPlugin);
  await app.register(databasePlugin, { database });
  await app.register(metricsPlugin);
  await app.register(cookie);
  await app.register(authPlugin);
  await app.register(jobsPlugin);
  await app.register(graphqlPlugin, { modules });
  await app.register(healthRoutes);
  for (const { routes } of modules) if (routes) await app.register(routes);

  app.setErrorHandler<FastifyError>((err, request, reply) => {
    const statusCode = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (statusCode >= 500) {
      request.log.error({ err, request }, 'request failed');
      // Internals stay in the log, not in the response.
      return reply.code(statusCode).send({ error: 'Internal Server Error', requestId: request.id });
    }
    request.log.info({ err }, 'request rejected');
    return reply.code(statusCode).send({ error: err.message, requestId: request.id });
  });

  return app;
}
