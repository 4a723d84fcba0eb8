import { hostname } from 'node:os';
import { getRequestEvent } from '$app/server';
import { env } from '$env/dynamic/private';

/**
 * The portal's log: one JSON line per entry on stdout, in the shape of the API's (pino: numeric `level`, `time`,
 * `reqId`, `msg`), so that one request's lines from both processes are found by its id (`X-Request-Id`). `LOG_LEVEL`
 * as for the API.
 */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
type Level = keyof typeof LEVELS;

const host = hostname();

function threshold(): number {
  const name = env.LOG_LEVEL || process.env.LOG_LEVEL || 'info';
  return name === 'silent' ? Number.POSITIVE_INFINITY : (LEVELS[name as Level] ?? LEVELS.info);
}

/** The request being served, when there is one (outside a request SvelteKit has none to give). */
function currentRequestId(): string | undefined {
  try {
    return getRequestEvent().locals.requestId;
  } catch {
    return undefined;
  }
}

/** Errors as pino writes them (JSON.stringify alone writes `{}`). */
function replacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { code, cause } = value as Error & { code?: unknown };
  return { type: value.name, message: value.message, stack: value.stack, code, cause };
}

function write(level: Level, fields: Record<string, unknown>, msg: string): void {
  if (LEVELS[level] < threshold()) return;
  const reqId = (fields.reqId as string | undefined) ?? currentRequestId();
  const entry = { level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: host, name: 'portal', reqId };
  process.stdout.write(`${JSON.stringify({ ...entry, ...fields, msg }, replacer)}\n`);
}

export const log = {
  info: (fields: Record<string, unknown>, msg: string) => write('info', fields, msg),
  warn: (fields: Record<string, unknown>, msg: string) => write('warn', fields, msg),
  error: (fields: Record<string, unknown>, msg: string) => write('error', fields, msg),
  fatal: (fields: Record<string, unknown>, msg: string) => write('fatal', fields, msg),
};

/** Whether the portal logs each request it serves: the all-in-one process turns it off, as Fastify logs them. */
export function isAccessLogOn(): boolean {
  return (env.PORTAL_ACCESS_LOG || process.env.PORTAL_ACCESS_LOG) !== 'false';
}
