/**
 * Concord in one process: the GraphQL API, the portal and (from the signing issue on) the job worker, on
 * one port. This is what `pnpm start` runs; the parts can also run as separate processes (README).
 */

import { buildApp, loadConfig, openDatabase, serve } from '@concord/api';
import { CLIENT_ADDRESS_HEADER, listenForPortal, mountPortal } from './portal.ts';

const started = performance.now();
const say = (message: string) => console.log(`[concord] ${message}`);
const warn = (message: string) => console.warn(`[concord] ${message}`);

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error(`[concord] ${(err as Error).message}`);
  process.exit(1);
}
const database = await openDatabase(config, { info: say, warn }, { serveBackups: true }).catch((err: Error) => {
  console.error(`[concord] ${err.message}`);
  process.exit(1);
});

const app = await buildApp({ config, database });

// The portal's adapter-node handler reads these when it loads and on each request: where people reach us
// (needed for its CSRF check on form posts) and where its server-side code finds the GraphQL API. ORIGIN
// comes from PUBLIC_URL alone: loadConfig has refused an ORIGIN that disagrees with it.
process.env.ORIGIN = config.origin;
// Unless told otherwise, the portal calls the API on a loopback listener of its own, which stays open while a stop
// lets the public listener's requests finish (portal.ts).
if (!process.env.CONCORD_API_URL) {
  listenForPortal(app, (url) => {
    process.env.CONCORD_API_URL = url;
  });
}
// The client's address as Fastify worked it out (TRUST_PROXY decides whose X-Forwarded-For counts), not the
// address of whatever proxy is in front: log-in rate limits count per client.
process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
delete process.env.XFF_DEPTH;
// Fastify logs every request, the portal's too, under the id the portal is handed (portal.ts): no second line.
process.env.PORTAL_ACCESS_LOG = 'false';
// Errors that escape a request are this process's to handle (lifecycle.ts), not the portal's (process-errors.ts).
process.env.CONCORD_PORTAL_IN_PROCESS = 'true';
// Signed pledge statements may be 5 MB; adapter-node refuses bodies over 512 kB unless told otherwise.
process.env.BODY_SIZE_LIMIT ??= '6M';
const { handler } = await import('@concord/portal/handler');
await mountPortal(app, handler);

// Errors of one request answer that request; a shutdown closes the database last, within SHUTDOWN_GRACE_SECONDS
// (PGlite writes its data directory on close: a clean stop is what keeps ./data intact).
await serve({ app, database, announce: say });
say(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s at ${config.publicUrl} (${database.kind})`);
