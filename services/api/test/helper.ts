import type { DatabaseHandle } from '@concord/db';
import { openTestDatabase, type TemplateName } from '@concord/db/testing';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  statusCode: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** SQL statements sent since the last `resetQueryCount()`. */
  queryCount(): number;
  resetQueryCount(): void;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { cookie?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T> & { setCookie: string[] }>;
  close(): Promise<void>;
}

/** The real app on a fresh clone of a test database (the demo alliance by default). */
export async function buildTestApp({
  template = 'demo',
  env = {},
}: {
  template?: TemplateName;
  env?: Record<string, string>;
} = {}): Promise<TestApp> {
  let count = 0;
  const database = await openTestDatabase(inject('databaseTemplates'), template, { onQuery: () => void count++ });
  // Jobs poll and retry quickly in tests, so journeys through e-mail take a second, not a minute.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JOB_POLLING_SECONDS: '0.5',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_RETRY_LIMIT: '6',
    DEV_MAILBOX: 'true',
    ...env,
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    queryCount: () => count,
    resetQueryCount: () => {
      count = 0;
    },
    async graphql<T>(
      query: string,
      variables?: Record<string, unknown>,
      options: { cookie?: string; headers?: Record<string, string> } = {},
    ) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query, variables },
        headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
      });
      const body = response.json() as Omit<GraphQLResponse<T>, 'statusCode'>;
      const raw = response.headers['set-cookie'];
      const setCookie = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      return { statusCode: response.statusCode, ...body, setCookie };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
