/**
 * GraphQL enum values are UPPER_CASE by convention; the database stores lower_case. These two helpers are
 * the only place that converts, and the types keep both sides in step.
 */
export function toGraphQLEnum<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

export function fromGraphQLEnum<T extends string>(value: Uppercase<T>): T {
  return value.toLowerCase() as T;
}
