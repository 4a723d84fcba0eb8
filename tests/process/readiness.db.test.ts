import { createDatabase } from '@concord/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../services/api/src/app.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { Relay } from '../setup/relay.ts';

const templates = inject('databaseTemplates');

describe.skipIf(templates.kind !== 'postgres')('[HEALTH] readiness follows the database', () => {
  const target = new URL(templates.url ?? 'postgres://127.0.0.1:5432');
  const relay = new Relay({ host: target.hostname, port: Number(target.port || 5432) });
  let close: (() => Promise<void>) | undefined;
  afterAll(() => close?.());

  it('turns 503 while PostgreSQL is unreachable and 200 again when it returns, without a restart', async () => {
    await relay.start();
    const url = new URL(templates.url ?? '');
    url.host = `127.0.0.1:${relay.port}`;
    // Only `select 1` runs here: any database will do, but never a template (clones need it unused).
    url.pathname = '/postgres';
    const database = await createDatabase({ url: url.toString(), maxConnections: 2 });
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), database, logger: false });
    close = async () => {
      await app.close();
      await database.close();
      await relay.cut().catch(() => {});
    };

    expect((await app.inject('/readyz')).statusCode).toBe(200);
    await relay.cut();
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    await relay.start(relay.port);
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });
});
