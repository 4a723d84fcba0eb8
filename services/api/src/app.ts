import { randomUUID } from 'node:crypto';
import type { DatabaseHandle } from '@concord/db';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { documentRoutes } from './modules/document/document.routes.ts';
import { mailRoutes } from './modules/mail/mail.routes.ts';
import { openDataRoutes } from './modules/open-data/open-data.routes.ts';
import { pledgeRoutes } from './modules/pledge/pledge.routes.ts';
import { reportingRoutes } from './modules/reporting/reporting.routes.ts';
import { authPlugin } from './plugins/auth.ts';
import { configPlugin } from './plugins/config.ts';
import { databasePlugin } from './plugins/database.ts';
import { graphqlPlugin } from './plugins/graphql.ts';
import { healthRoutes } from './plugins/health.ts';
import { jobsPlugin } from './plugins/jobs.ts';

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
}

/** The whole service in one screen: plugins, then the GraphQL API, then plain HTTP routes. */
export async function buildApp({ config, database, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // The portal (on loopback) forwards its client's address in X-Forwarded-For, and so does a load
    // balancer listed in TRUST_PROXY; nobody else is believed (rate limits count by this address).
    trustProxy: config.trustProxy,
  });

  await app.register(configPlugin, { config });
  await app.register(databasePlugin, { database });
  await app.register(cookie);
  await app.register(authPlugin);
  await app.register(jobsPlugin);
  await app.register(graphqlPlugin);
  await app.register(healthRoutes);
  await app.register(documentRoutes);
  await app.register(pledgeRoutes);
  await app.register(reportingRoutes);
  await app.register(openDataRoutes);
  await app.register(mailRoutes);

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
