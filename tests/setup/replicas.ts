import { type ApiProcess, startApiProcess, startPortalProcess } from './api-process.ts';
import { type FrontProxy, startProxy } from './proxy.ts';

/** Concord as a deployment runs it (infra/): two API processes, a worker, the portal, a proxy in front. */
export interface Replicas {
  /** The two API processes behind the proxy (RUN_WORKER=false). */
  apis: [ApiProcess, ApiProcess];
  /** The API process that runs the job worker, behind no proxy. */
  worker: ApiProcess;
  portal: ApiProcess;
  /** `/graphql` to the two APIs in turn, everything else to the portal. */
  proxy: FrontProxy;
  /** Every process started, to stop at the end; a caller adds those it starts itself. */
  processes: ApiProcess[];
  /** Kills every process in `processes` and closes the proxy. */
  stop(): Promise<void>;
}

/**
 * Starts the three API processes with `env` (on one PostgreSQL: DATABASE_URL, already migrated), then the portal
 * with `portalEnv`, calling the APIs through the proxy and answering at the proxy's address (its ORIGIN, for
 * the forms' CSRF check). Whatever started is stopped again if a later one fails.
 */
export async function startReplicas({
  env,
  portalEnv = {},
  maxInFlight,
}: {
  env: Record<string, string>;
  portalEnv?: Record<string, string>;
  /** The proxy's limit of requests at a time to each process (tests/setup/proxy.ts); unlimited without it. */
  maxInFlight?: number;
}): Promise<Replicas> {
  const processes: ApiProcess[] = [];
  let proxy: FrontProxy | undefined;
  const stop = async () => {
    for (const p of processes) p.signal('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await proxy?.close();
  };
  try {
    const started = await Promise.allSettled([
      startApiProcess({ ...env, RUN_WORKER: 'false' }),
      startApiProcess({ ...env, RUN_WORKER: 'false' }),
      startApiProcess({ ...env, RUN_WORKER: 'true' }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
    const [a, b, worker] = started.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    }) as [ApiProcess, ApiProcess, ApiProcess];
    proxy = await startProxy([a.port, b.port], { maxInFlight });
    const portal = await startPortalProcess({
      CONCORD_API_URL: `${proxy.baseUrl}/graphql`,
      ORIGIN: proxy.baseUrl,
      LOG_LEVEL: 'warn',
      ...portalEnv,
    });
    processes.push(portal);
    proxy.routeToPortal(portal.port);
    return { apis: [a, b], worker, portal, proxy, processes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
