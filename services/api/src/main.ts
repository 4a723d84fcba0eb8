/**
 * The API alone: GraphQL and file routes on PORT. `pnpm start` runs services/standalone instead, which
 * adds the portal to the same process.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { openDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const log = { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
const database = await openDatabase(config, log).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
const app = await buildApp({ config, database });

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
});

await app.listen({ host: config.host, port: config.port });
