import type { DatabaseHandle } from '@concord/db';
import type { FastifyInstance } from 'fastify';
import { currentRequestScope, failRequest } from './plugins/request-scope.ts';

export interface ServeOptions {
  app: FastifyInstance;
  /** Closed last, after the requests and the job worker: PGlite writes its data directory on close. */
  database: DatabaseHandle;
  /** Plain lines for a person at the terminal (the all-in-one process); the structured log has them too. */
  announce?: (message: string) => void;
}

type StopReason = { signal: NodeJS.Signals; err?: undefined } | { signal?: undefined; err: unknown };

/**
 * Listens, then runs until the process must stop. Shared by every entry point (the API alone, the all-in-one).
 *
 * - An error that escapes a request (a stream's 'error' nobody listens to, a promise nobody awaited) is that
 *   request's: it answers 500, or its connection is cut if the answer had begun, and the process serves on.
 *   Work a request started runs in its scope (plugins/request-scope.ts), which is how the error is traced to it.
 * - SIGTERM, SIGINT, or an error that belongs to no request, stop the process in order: stop accepting
 *   connections and let requests in flight finish (half of SHUTDOWN_GRACE_SECONDS, then their connections are
 *   cut), stop the job worker (a quarter: running jobs finish or are failed, to be retried elsewhere), close the
 *   database, exit. If that takes longer than the grace period the process exits anyway, saying so, before the
 *   platform's own kill, which would say nothing.
 */
export async function serve({ app, database, announce }: ServeOptions): Promise<void> {
  const graceMs = app.config.shutdownGraceSeconds * 1000;
  let isStopping = false;

  async function shutdown(reason: StopReason): Promise<void> {
    isStopping = true;
    if (reason.signal) app.log.info({ signal: reason.signal }, 'shutting down');
    else app.log.fatal({ err: reason.err }, 'shutting down after an error outside any request');
    announce?.(reason.signal ? `${reason.signal}: shutting down` : 'shutting down after an error');

    const deadline = setTimeout(() => {
      app.log.error(
        `shutdown took longer than SHUTDOWN_GRACE_SECONDS (${app.config.shutdownGraceSeconds} s): exiting with the database open`,
      );
      process.exit(1);
    }, graceMs);
    const cut = setTimeout(() => {
      app.log.warn('requests still open after half the grace period: closing their connections');
      app.server.closeAllConnections();
    }, graceMs / 2);

    let exitCode = reason.err === undefined ? 0 : 1;
    try {
      await readWhatHasArrived();
      // Stops accepting, waits for requests in flight, then runs the plugins' onClose (job worker, job queue).
      await app.close();
    } catch (err) {
      exitCode = 1;
      app.log.error({ err }, 'closing the service failed; closing the database anyway');
    }
    clearTimeout(cut);
    try {
      await database.close();
      app.log.info({ database: database.kind }, 'database closed');
    } catch (err) {
      exitCode = 1;
      app.log.error({ err }, 'the database did not close cleanly');
    }
    clearTimeout(deadline);
    announce?.('stopped');
    // Rather than wait for the event loop to empty: a stray timer or socket must not keep a stopped process up.
    process.exit(exitCode);
  }

  /**
   * close() stops accepting, which resets the connections still waiting in the listening socket's backlog, and cuts
   * every connection Node counts as idle: one with no request in progress, which includes one whose request has
   * arrived but not been read yet. Under load both hold requests their clients have sent: a process busy answering
   * accepts about one connection a turn of its event loop (measured: 34 of 60 requests sent at once accepted when
   * SIGTERM came, 100 ms after the last was sent). So the process first goes on accepting and reading until the
   * backlog is empty: three turns of the loop and 20 ms without a new connection (a quarter of the grace period
   * at most, for a process that is still being sent new ones), and only then closes.
   */
  async function readWhatHasArrived(): Promise<void> {
    const deadline = Date.now() + graceMs / 4;
    let accepted = 0;
    let lastAcceptedAt = Date.now();
    const onConnection = () => {
      accepted++;
      lastAcceptedAt = Date.now();
    };
    app.server.on('connection', onConnection);
    try {
      let quietTurns = 0;
      while (Date.now() < deadline && (quietTurns < 3 || Date.now() - lastAcceptedAt < 20)) {
        const before = accepted;
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
        quietTurns = accepted === before ? quietTurns + 1 : 0;
      }
    } finally {
      app.server.off('connection', onConnection);
    }
    if (accepted > 0) app.log.info({ accepted }, 'connections accepted while shutting down, before closing');
  }

  function onEscapedError(err: unknown): void {
    const scope = currentRequestScope();
    if (scope) {
      failRequest(scope, err);
      return;
    }
    if (isStopping) {
      app.log.error({ err }, 'error while shutting down');
      return;
    }
    void shutdown({ err });
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!isStopping) {
        void shutdown({ signal });
        return;
      }
      app.log.warn({ signal }, 'second signal while shutting down: exiting now');
      process.exit(1);
    });
  }
  process.on('uncaughtException', onEscapedError);
  process.on('unhandledRejection', onEscapedError);

  await app.listen({ host: app.config.host, port: app.config.port });
}
