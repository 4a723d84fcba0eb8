import type { ConcordModule } from '../module.ts';
import { steeringCommitteeResolvers } from './steering-committee.resolvers.ts';

/** An alliance's steering committee: named people of signatory organisations (docs/adr/0035). */
export const steeringCommitteeModule: ConcordModule = {
  name: 'steering-committee',
  resolvers: steeringCommitteeResolvers,
};
