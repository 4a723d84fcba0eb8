/**
 * `pnpm db:migrate`: applies the migrations as MIGRATION_DATABASE_URL's role (the owner), grants DATABASE_URL's
 * role what the service needs, and exits. The release step of a deployment whose running processes do not hold
 * the owner's password (README, "Deploying"); they then find nothing pending and start as the runtime role.
 */
import { createDatabase, redactUrl } from '@concord/db';
import { loadConfig } from './config.ts';
import { applyMigrations } from './database-roles.ts';

const say = (message: string) => console.log(`[concord] ${message}`);
try {
  // The release step sends no e-mail: in production it needs the two database addresses, not SMTP_URL.
  const config = loadConfig(process.env, { sendsEmail: false });
  if (!config.databaseUrl) {
    throw new Error('pnpm db:migrate is for PostgreSQL (DATABASE_URL): the embedded database migrates as it starts.');
  }
  const database = await createDatabase({ url: config.databaseUrl, maxConnections: 1 });
  try {
    await database.ping().catch(() => {
      throw new Error(`Cannot reach the database at ${redactUrl(config.databaseUrl ?? '')}.`);
    });
    await applyMigrations(database, config, { info: say });
    say('Migrations applied');
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(`[concord] ${(err as Error).message}`);
  process.exit(1);
}
