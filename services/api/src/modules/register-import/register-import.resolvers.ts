import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst } from '../../lib/pagination.ts';
import { authorize } from '../policy/policy.ts';
import { findRegisterImport, listRegisterImports, rowsOfImport, totalsOfImport } from './register-import.reads.ts';
import { countPeopleToInvite } from './register-invitations.ts';
import { confirmRegisterImport } from './use-cases/confirm-register-import.ts';
import { inviteImportedPeople } from './use-cases/invite-imported-people.ts';

/** Register imports: the dry run read back, the alliance's list, the confirmation, and inviting the people. */
export const registerImportResolvers: Resolvers = {
  Mutation: {
    confirmRegisterImport: async (_root, { importId }, context) =>
      confirmRegisterImport({ db: context.db, actor: await context.actor(), importId }),
    inviteImportedPeople: async (_root, { allianceSlug }, context) =>
      inviteImportedPeople({
        db: context.db,
        actor: await context.actor(),
        jobs: context.jobs,
        config: context.config,
        allianceSlug,
      }),
  },
  Alliance: {
    registerImport: async (alliance, { id }, context) => {
      authorize(await context.actor(), { action: 'register.import', allianceId: alliance.id });
      return findRegisterImport(context.db, id, 'id', alliance.id);
    },
    importedPeopleToInvite: async (alliance, _args, context) => {
      authorize(await context.actor(), { action: 'register.import', allianceId: alliance.id });
      return countPeopleToInvite(context.db, alliance.id);
    },
    registerImports: async (alliance, { first }, context) => {
      authorize(await context.actor(), { action: 'register.import', allianceId: alliance.id });
      return listRegisterImports(context.db, alliance.id, checkFirst(first, 20));
    },
  },
  RegisterImport: {
    sha256: (row) => row.fileSha256,
    uploadedAt: (row) => row.createdAt,
    totals: (row) => totalsOfImport(row),
    errorCount: (row) => totalsOfImport(row).reduce((n, t) => n + t.errorRows, 0),
    rows: (row, { fate, first }) => rowsOfImport(row, fate, checkFirst(first, 100)),
  },
};
