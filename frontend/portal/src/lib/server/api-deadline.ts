/**
 * How long the portal waits for the API. A page that waits longer than `READ_DEADLINE_MS` for its data is better
 * off saying so. A change (a mutation) is given longer: under load the API may still be saving it, and a portal
 * that gave up would tell the reader it failed while it was saved (the load benchmark met exactly that at 10 s).
 */
export const READ_DEADLINE_MS = 10_000;
export const WRITE_DEADLINE_MS = 60_000;

/** Whether a GraphQL document is a mutation: its first definition's keyword, comments and blank lines aside. */
export function isMutation(query: string): boolean {
  const code = query.replace(/#[^\n]*/g, '').trimStart();
  return /^mutation\b/.test(code);
}

export const deadlineFor = (query: string): number => (isMutation(query) ? WRITE_DEADLINE_MS : READ_DEADLINE_MS);
