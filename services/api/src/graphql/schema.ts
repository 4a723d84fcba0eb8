import { typeDefs } from '@concord/schema';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { ConcordModule } from '../modules/module.ts';
import { enumMappings } from './enums.ts';
import type { LoaderMap } from './loaders.ts';
import type { Resolvers } from './resolvers.generated.ts';
import { scalarResolvers } from './scalars.ts';

type FieldMap = Record<string, Record<string, unknown>>;

/**
 * Each module contributes fields to shared types (Alliance gets `signatories` from the signatory module…). A
 * field two modules resolve stops the start: which one wins would depend on the order of the list in app.ts.
 */
function mergeByType<T extends object>(...parts: T[]): T {
  const merged: FieldMap = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      for (const field of Object.keys(fields as object)) {
        if (merged[type] && field in merged[type]) throw new Error(`${type}.${field} is resolved by two modules.`);
      }
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return merged as T;
}

/** The resolvers of the modules `app.ts` mounts, with the scalars'. */
export function resolversOf(modules: readonly ConcordModule[]): Resolvers {
  return {
    ...scalarResolvers,
    ...mergeByType<Resolvers>(...modules.flatMap((m) => (m.resolvers ? [m.resolvers] : []))),
  };
}

/** The loaders of the modules `app.ts` mounts. */
export function loadersOf(modules: readonly ConcordModule[]): LoaderMap {
  return mergeByType<LoaderMap>(...modules.flatMap((m) => (m.loaders ? [m.loaders] : [])));
}

/**
 * The contract with its enums mapped to the server's values (graphql/enums.ts): resolvers take and return
 * 'supply', the wire says SUPPLY. The field resolvers are added by Mercurius.
 */
export function executableSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs, resolvers: enumMappings(buildSchema(typeDefs)) });
}
