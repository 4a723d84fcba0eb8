import { log } from './log';

let isGuarded = false;
let isStopping = false;

/**
 * The portal run on its own (adapter-node's server, as infra/ runs it) keeps serving after an error that escaped a
 * request, as the API does (services/api/src/lifecycle.ts), and stops in order after one that may have left it
 * broken:
 * - a promise that failed with nobody waiting for it is logged, and the process serves on: its work is over and
 *   nothing else was interrupted (Node's default stops the whole process, every request with it);
 * - an exception nobody caught stops the process as SIGTERM does (adapter-node's graceful shutdown: no new
 *   connections, the requests in flight answered, SHUTDOWN_TIMEOUT at most), then exits with 1, for the platform to
 *   start it again.
 * Inside the all-in-one process (services/standalone) the process's own handlers do this, and this does nothing.
 */
export function guardProcess(): void {
  if (isGuarded || process.env.CONCORD_PORTAL_IN_PROCESS === 'true') return;
  isGuarded = true;
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'a promise failed with nobody waiting for it: serving on');
  });
  process.on('uncaughtException', (err) => {
    if (isStopping) {
      log.error({ err }, 'error while shutting down');
      return;
    }
    isStopping = true;
    log.fatal({ err }, 'shutting down after an error outside any request');
    (process as NodeJS.EventEmitter).once('sveltekit:shutdown', () => process.exit(1));
    process.emit('SIGTERM', 'SIGTERM');
  });
}
