import { typeDefs } from '@concord/schema';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { allianceLoaders } from '../modules/alliance/alliance.loaders.ts';
import { allianceResolvers } from '../modules/alliance/alliance.resolvers.ts';
import { authResolvers } from '../modules/auth/auth.resolvers.ts';
import { documentResolvers } from '../modules/document/document.resolvers.ts';
import { mailResolvers } from '../modules/mail/mail.resolvers.ts';
import { organisationLoaders } from '../modules/organisation/organisation.loaders.ts';
import { pledgeLoaders } from '../modules/pledge/pledge.loaders.ts';
import { pledgeResolvers } from '../modules/pledge/pledge.resolvers.ts';
import { progressResolvers } from '../modules/progress/progress.resolvers.ts';
import { reportingLoaders } from '../modules/reporting/reporting.loaders.ts';
import { reportingResolvers } from '../modules/reporting/reporting.resolvers.ts';
import { signatoryResolvers } from '../modules/signatory/signatory.resolvers.ts';
import { signingLoaders } from '../modules/signing/signing.loaders.ts';
import { signingResolvers } from '../modules/signing/signing.resolvers.ts';
import { workingGroupLoaders } from '../modules/working-group/working-group.loaders.ts';
import { workingGroupResolvers } from '../modules/working-group/working-group.resolvers.ts';
import { enumMappings } from './enums.ts';
import type { LoaderMap } from './loaders.ts';
import type { Resolvers } from './resolvers.generated.ts';
import { scalarResolvers } from './scalars.ts';

type FieldMap = Record<string, Record<string, unknown>>;

/** Each module contributes fields to shared types (Alliance gets `signatories` from the signatory module…). */
function mergeByType<T extends object>(...parts: T[]): T {
  const merged: FieldMap = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) {
      merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
    }
  }
  return merged as T;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...mergeByType<Resolvers>(
    allianceResolvers,
    signatoryResolvers,
    workingGroupResolvers,
    pledgeResolvers,
    progressResolvers,
    authResolvers,
    signingResolvers,
    documentResolvers,
    mailResolvers,
    reportingResolvers,
  ),
};

export const loaders = mergeByType<LoaderMap>(
  allianceLoaders,
  organisationLoaders,
  workingGroupLoaders,
  pledgeLoaders,
  signingLoaders,
  reportingLoaders,
);

/**
 * The contract with its enums mapped to the server's values (graphql/enums.ts): resolvers take and return
 * 'supply', the wire says SUPPLY. The field resolvers are added by Mercurius.
 */
export function executableSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs, resolvers: enumMappings(buildSchema(typeDefs)) });
}
