/**
 * The domain's error codes. Services throw `DomainError`; the GraphQL layer puts `code` (and `field`)
 * in `extensions`. Every code is documented in docs/errors.md.
 */
export const errorCodes = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The argument or input field at fault, as a dotted path (`filter.country`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The HTTP status of each code, for the plain HTTP routes (files, uploads) that answer with one. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (message: string) => new DomainError('NOT_FOUND', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
