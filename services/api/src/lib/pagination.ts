import { badInput } from '../errors.ts';

/** The largest page a client may ask for; a register of a few hundred rows fits in two pages. */
export const MAX_PAGE_SIZE = 250;

export function checkFirst(first: number | null | undefined, fallback: number): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 0) throw badInput('first', '`first` must be zero or a positive integer.');
  if (value > MAX_PAGE_SIZE) throw badInput('first', `\`first\` must be at most ${MAX_PAGE_SIZE}.`);
  return value;
}

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
}

/** Queries fetch `first + 1` rows; the extra one only tells whether another page exists. */
export function toPage<T>(rows: T[], first: number): Page<T> {
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * A page as a GraphQL connection. Each edge's cursor is computed when `edges` is first read, so a query that
 * asks for `nodes` only pays for the first and last cursors. Fields in `extra` (what the connection's other
 * resolvers need) are added without reading `edges`, which spreading the connection into a new object would.
 */
export function toConnection<T, E extends object = Record<never, never>>(
  page: Page<T>,
  cursorOf: (row: T) => string,
  hasPrevious: boolean,
  extra?: E,
): Connection<T> & E {
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const startCursor = first === undefined ? null : cursorOf(first);
  const endCursor = last === undefined ? null : page.rows.length === 1 ? startCursor : cursorOf(last);
  const connection = {
    get edges() {
      const edges = page.rows.map((node) => ({ cursor: cursorOf(node), node }));
      Object.defineProperty(this, 'edges', { value: edges, enumerable: true, writable: true });
      return edges;
    },
    nodes: page.rows,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: hasPrevious, startCursor, endCursor },
  };
  return Object.assign(connection, extra) as Connection<T> & E;
}
