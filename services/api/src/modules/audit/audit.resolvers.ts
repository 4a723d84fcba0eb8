import { readAuditLogHead } from '@concord/db';
import { badInput } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { auditLogChecker } from './audit-log-check.ts';

export const auditResolvers: Resolvers = {
  Query: {
    auditLogHead: (_root, _args, { db }) => readAuditLogHead(db),
    auditLogCheck: async (_root, args, { db }) => {
      if (args.seq < 0) throw badInput('seq', 'An event number is 0 or more.');
      const hash = args.hash.trim().toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hash)) throw badInput('hash', 'A hash of the audit log is 64 hexadecimal digits.');
      const check = await auditLogChecker(db).check({ seq: args.seq, hash });
      return { seq: args.seq, hash, ...check, head: await readAuditLogHead(db) };
    },
  },
};
