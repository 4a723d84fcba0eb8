import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: for log-in links, confirmation links and session cookies. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a copy of the database opens no door. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A token as we issue it: 43 base64url characters. Anything else is refused before touching the database. */
export const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
