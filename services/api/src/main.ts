/**
 * The API alone: GraphQL and file routes on PORT. `pnpm start` runs services/standalone instead, which
 * adds the portal to the same process.
 */
import { buildApp } from './app.ts';
import { openDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { serve } from './lifecycle.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
const database = await openDatabase(config, log, { serveBackups: true }).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
const app = await buildApp({ config, database });
await serve({ app, database });
