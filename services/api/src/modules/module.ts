import type { FastifyInstance } from 'fastify';
import type { LiveRelay } from '../graphql/live-events.ts';
import type { LoaderMap } from '../graphql/loaders.ts';
import type { Resolvers } from '../graphql/resolvers.generated.ts';

/**
 * What a domain module adds to the service, as `app.ts` lists it: GraphQL fields (resolvers), fields loaded in
 * batches (loaders: graphql/loaders.ts), and plain HTTP routes (files, uploads). A module adds fields to the
 * types of others (Alliance gets `pledges` from the pledge module); two modules never resolve the same field. A
 * module with live views (subscriptions) says which audit events concern them (`liveRelay`: graphql/live-events.ts).
 */
export interface ConcordModule {
  /** The folder under `modules/`. */
  name: string;
  resolvers?: Resolvers;
  loaders?: LoaderMap;
  routes?: (app: FastifyInstance) => Promise<void>;
  liveRelay?: LiveRelay;
}
