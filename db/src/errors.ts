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
