import { z } from 'zod';

/**
 * The one place that reads the environment (STYLE.md, "Config once"). Every variable has a default that
 * makes the embedded mode work; the README lists them all.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Unset: embedded PGlite under DATA_DIR. Set: PostgreSQL through postgres.js. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * The role that owns the tables (PostgreSQL only): migrations run as it, and it grants DATABASE_URL's role what
   * the service needs. Unset: migrations run as DATABASE_URL's role, or, when it may not, must have run already.
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Start in production even though DATABASE_URL's role is a superuser or owns the audit log (it could rewrite it). */
  ALLOW_DATABASE_OWNER_ROLE: z.enum(['true', 'false']).default('false'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  /** auto: seed the demo alliance on the first start of an embedded database. */
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address people use to reach Concord: links in e-mails, the portal's ORIGIN. */
  PUBLIC_URL: z.url().optional(),
  /**
   * SvelteKit's own name for the public origin. Concord sets it from PUBLIC_URL; it is read here only to refuse
   * a deployment where the two disagree (e-mail links would point at one address and form posts fail with 403
   * at the other).
   */
  ORIGIN: z.url().optional(),
  /** GraphiQL and introspection; off in production unless asked for. */
  GRAPHIQL: z.enum(['true', 'false']).optional(),
  /** smtp(s)://user:pass@host:port. Unset: e-mail goes to the development mailbox (not in production). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Concord <no-reply@concord.localhost>'),
  /** Connections to the SMTP server used side by side for e-mail other than log-in links (which have their own). */
  SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  /** The longest one send may take, connection and the server's answer included; a slower one fails and retries. */
  SMTP_SEND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /**
   * The development mailbox (every e-mail, log-in links included, readable at /dev/mailbox): on only when asked
   * for (`pnpm start` asks), off whenever SMTP_URL is set, and a start-up error on an address others can reach.
   */
  DEV_MAILBOX: z.enum(['true', 'false']).default('false'),
  /** Log-in links per address, and per client address, within 15 minutes. */
  LOGIN_LINKS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LINKS_PER_CLIENT: z.coerce.number().int().min(1).max(10000).default(30),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Run the job worker in this process (the all-in-one default); false for API-only replicas. */
  RUN_WORKER: z.enum(['true', 'false']).default('true'),
  /** First retry delay of a failed job (between it and twice it); later ones back off exponentially. */
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(12),
  /**
   * A running job's worker confirms it is alive this often (half of it, in fact); a job whose worker stays silent
   * this long is taken to be a dead worker's and retried. pg-boss's minimum is 10.
   */
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(3600).default(15),
  /** How often pg-boss's supervisor looks for jobs of dead workers (and does its other upkeep). */
  JOB_MONITOR_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** Comma-separated addresses of proxies whose X-Forwarded-For is believed (the portal is on loopback). */
  TRUST_PROXY: z.string().default('127.0.0.1,::1'),
  JOB_POLLING_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /**
   * The longest a shutdown may take (SIGTERM, or an error that belongs to no request): requests get half of it,
   * the job worker a quarter, and the database closes in what is left. Keep it under the platform's own limit
   * (Kubernetes' terminationGracePeriodSeconds, 30 by default), which kills without asking.
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(2).max(600).default(10),
  /**
   * The port of a listener of its own that serves only `/metrics` (Prometheus). Unset: no metrics. Never PORT: what
   * the process measures is not for the public (docs/adr/0020-metrics-on-a-port-of-their-own.md).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where the metrics listener binds: loopback, unless the scraper is on another machine (a container: 0.0.0.0). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * OpenTelemetry traces (off unless one of these is set): the collector's OTLP/HTTP base address (spans go to its
   * /v1/traces), or the traces address itself, as the OpenTelemetry specification names them.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The service name the spans carry (resource attribute service.name). */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('concord'),
});

/**
 * Every variable loadConfig reads, and so every variable a deployment may set for the API and the worker:
 * tests/infra checks the container image, the Compose file and the Kubernetes manifests against it.
 */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface LoadConfigOptions {
  /**
   * Whether this process sends e-mail (true unless said otherwise). `pnpm db:migrate` sends none, so production does
   * not ask it for SMTP_URL: the release step needs only the database's two addresses.
   */
  sendsEmail?: boolean;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** The owner's URL, used only to migrate and grant; undefined: DATABASE_URL's role migrates, if it may. */
  migrationDatabaseUrl: string | undefined;
  /** Whether a runtime role that could rewrite the audit log may run in production (docs/adr/0013). */
  allowDatabaseOwnerRole: boolean;
  databasePoolSize: number;
  dataDir: string;
  seedDemo: 'auto' | 'true' | 'false';
  logLevel: string;
  publicUrl: string;
  /** The origin of publicUrl: what the portal's CSRF check compares form posts with. */
  origin: string;
  isGraphiqlEnabled: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  smtpConnections: number;
  smtpSendTimeoutSeconds: number;
  /** The development mailbox is readable (DEV_MAILBOX=true, loopback PUBLIC_URL, no SMTP, not production). */
  isDevMailboxEnabled: boolean;
  loginLinkLimits: { perAddress: number; perClient: number };
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Session cookie: `__Host-` prefixed and Secure on https, plain on local http (browsers refuse Secure there). */
  sessionCookie: { name: string; secure: boolean };
  runWorker: boolean;
  trustProxy: string[];
  jobs: {
    retryDelaySeconds: number;
    retryLimit: number;
    pollingSeconds: number;
    heartbeatSeconds: number;
    monitorSeconds: number;
  };
  shutdownGraceSeconds: number;
  /** The metrics listener (METRICS_PORT, METRICS_HOST); undefined: none. */
  metrics: { host: string; port: number } | undefined;
  /** Where spans are exported (OTLP over HTTP), and the service name they carry; undefined: no traces. */
  tracing: { url: string; serviceName: string } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  { sendsEmail = true }: LoadConfigOptions = {},
): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.SMTP_URL && sendsEmail) {
    throw new ConfigError(
      'Invalid configuration: SMTP_URL is required in production (the development mailbox is not for real mail)',
    );
  }
  if (c.MIGRATION_DATABASE_URL && !c.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: MIGRATION_DATABASE_URL needs DATABASE_URL (the role Concord runs as); the embedded database has one user',
    );
  }
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT) {
    throw new ConfigError(
      `Invalid configuration: METRICS_PORT (${c.METRICS_PORT}) is PORT; metrics are served on a port of their own, never the public one`,
    );
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  const origin = new URL(publicUrl).origin;
  if (c.ORIGIN !== undefined && new URL(c.ORIGIN).origin !== origin) {
    throw new ConfigError(
      `Invalid configuration: ORIGIN (${c.ORIGIN}) disagrees with PUBLIC_URL (${publicUrl}); set PUBLIC_URL only, Concord gives the portal its origin`,
    );
  }
  // With SMTP_URL (always so in production) mail goes out for real and there is no mailbox to read.
  const isDevMailboxEnabled = c.DEV_MAILBOX === 'true' && !c.SMTP_URL;
  if (isDevMailboxEnabled && !isLoopbackUrl(publicUrl)) {
    throw new ConfigError(
      `Invalid configuration: DEV_MAILBOX=true shows every log-in link to whoever reaches it, and PUBLIC_URL (${publicUrl}) is not a loopback address; set SMTP_URL, or DEV_MAILBOX=false`,
    );
  }
  const secure = publicUrl.startsWith('https://');
  const tracing = tracesUrl(c.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, c.OTEL_EXPORTER_OTLP_ENDPOINT);
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    migrationDatabaseUrl: c.MIGRATION_DATABASE_URL,
    allowDatabaseOwnerRole: c.ALLOW_DATABASE_OWNER_ROLE === 'true',
    databasePoolSize: c.DATABASE_POOL_SIZE,
    dataDir: c.DATA_DIR,
    seedDemo: c.SEED_DEMO,
    logLevel: c.LOG_LEVEL,
    publicUrl,
    origin,
    isGraphiqlEnabled: c.GRAPHIQL ? c.GRAPHIQL === 'true' : c.NODE_ENV !== 'production',
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    smtpConnections: c.SMTP_CONNECTIONS,
    smtpSendTimeoutSeconds: c.SMTP_SEND_TIMEOUT_SECONDS,
    isDevMailboxEnabled,
    loginLinkLimits: { perAddress: c.LOGIN_LINKS_PER_ADDRESS, perClient: c.LOGIN_LINKS_PER_CLIENT },
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: c.SESSION_ABSOLUTE_HOURS,
    sessionCookie: { name: secure ? '__Host-concord_session' : 'concord_session', secure },
    runWorker: c.RUN_WORKER === 'true',
    trustProxy: c.TRUST_PROXY.split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    jobs: {
      retryDelaySeconds: c.JOB_RETRY_DELAY_SECONDS,
      retryLimit: c.JOB_RETRY_LIMIT,
      pollingSeconds: c.JOB_POLLING_SECONDS,
      heartbeatSeconds: c.JOB_HEARTBEAT_SECONDS,
      monitorSeconds: c.JOB_MONITOR_SECONDS,
    },
    shutdownGraceSeconds: c.SHUTDOWN_GRACE_SECONDS,
    metrics: c.METRICS_PORT === undefined ? undefined : { host: c.METRICS_HOST, port: c.METRICS_PORT },
    tracing: tracing === undefined ? undefined : { url: tracing, serviceName: c.OTEL_SERVICE_NAME },
  };
}

/** The traces address itself when given; else the base address with the signal's path (/v1/traces) added. */
function tracesUrl(traces: string | undefined, base: string | undefined): string | undefined {
  if (traces) return traces;
  if (base) return `${base.replace(/\/$/, '')}/v1/traces`;
  return undefined;
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: addresses only this machine reaches. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
