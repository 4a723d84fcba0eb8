/**
 * What a failed statement tells us, the same on both drivers. Drizzle wraps driver errors (the original is
 * its `cause`); postgres.js names the constraint `constraint_name`, PGlite `constraint`.
 */
export interface DatabaseErrorInfo {
  /** SQLSTATE, e.g. 23505 unique_violation, 23514 check_violation, 23503 foreign_key_violation. */
  code: string | undefined;
  constraint: string | undefined;
  message: string;
}

export const SQLSTATE = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  foreignKeyViolation: '23503',
  serializationFailure: '40001',
} as const;

export function databaseErrorOf(error: unknown): DatabaseErrorInfo | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const candidate = e as Error & { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return {
        code: candidate.code,
        constraint: typeof constraint === 'string' ? constraint : undefined,
        message: candidate.message,
      };
    }
  }
  return undefined;
}

/** Codes of a database that cannot be reached right now: the network, postgres.js's own, SQLSTATE 08 and 57P0x. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown: the server is restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up
]);

/**
 * True when a statement failed because the database was out of reach (restarting, a network cut), not because of
 * the statement: the request may simply be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  }
  return false;
}
