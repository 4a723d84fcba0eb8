/** Loader results come back in the order asked, with null where nothing matched: what Mercurius expects. */
export function inOrderOf<T>(ids: readonly string[], rows: readonly T[], idOf: (row: T) => string): (T | null)[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => byId.get(id) ?? null);
}
