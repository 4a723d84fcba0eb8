import { badInput } from '../errors.ts';

/**
 * Cursors are opaque to clients: base64url of a JSON array holding the sort key of the last row seen.
 * Decoding checks the shape, so a tampered cursor is BAD_USER_INPUT, never a 500.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string,
  shape: readonly ('string' | 'number')[],
  field = 'after',
): (string | number)[] {
  const invalid = () => badInput(field, 'The cursor is not one this API issued.');
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value) || value.length !== shape.length) throw invalid();
  shape.forEach((type, i) => {
    if (typeof value[i] !== type) throw invalid();
  });
  return value as (string | number)[];
}
