import type { GraphQLContext } from './context.ts';

/**
 * A Mercurius loader: receives every parent that asked for the field in one tick and answers in the same
 * order with one query, so the number of SQL statements does not grow with the length of a list.
 */
export type Loader<TParent, TResult> = (
  queries: readonly { obj: TParent; params: unknown }[],
  context: GraphQLContext,
) => Promise<TResult[]>;

export function loader<TParent, TResult>(fn: Loader<TParent, TResult>): Loader<TParent, TResult> {
  return fn;
}
