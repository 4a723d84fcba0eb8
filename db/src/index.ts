export * from './audit-log.ts';
export * from './client.ts';
export * from './errors.ts';
export { uuidv7 } from './ids.ts';
export * from './roles.ts';
export * as schema from './schema/index.ts';
export { normaliseName } from './seed/names.ts';
export { addressTurnKey, shareTurns, takeTurns } from './take-turns.ts';
