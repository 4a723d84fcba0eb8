/**
 * Concord's domain values in one place, beside the GraphQL contract: tonnes, text, countries, the enum lists
 * and their English words. No server code and no Node built-ins here: the portal imports it too
 * (`@concord/schema/values`).
 */
export * from './alliance.ts';
export * from './countries.ts';
export * from './declaration-markdown.ts';
export * from './enums.ts';
export * from './labels.ts';
export * from './locales.ts';
export * from './privacy.ts';
export * from './request-id.ts';
export * from './text.ts';
export * from './text-diff.ts';
export * from './time-zone.ts';
export * from './tonnes.ts';
