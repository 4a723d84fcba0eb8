import type { DatabaseHandle } from '@concord/db';
import { type TemplateName, openTestDatabase } from '@concord/db/testing';
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
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The real app on a fresh clone of a test database (the demo alliance by default). */
export async function buildTestApp({ template = 'demo' }: { template?: TemplateName } = {}): Promise<TestApp> {
  let count = 0;
  const database = await openTestDatabase(inject('databaseTemplates'), template, { onQuery: () => void count++ });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    database,
    queryCount: () => count,
    resetQueryCount: () => {
      count = 0;
    },
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const response = await app.inject({ method: 'POST', url: '/graphql', payload: { query, variables } });
      const body = response.json() as Omit<GraphQLResponse<T>, 'statusCode'>;
      return { statusCode: response.statusCode, ...body };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
