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

export function toConnection<T>(page: Page<T>, cursorOf: (row: T) => string, hasPrevious: boolean): Connection<T> {
  const edges = page.rows.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes: page.rows,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
