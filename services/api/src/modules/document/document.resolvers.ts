import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { isUuid } from '../../lib/validate.ts';
import {
  documentUrl,
  findCertificate,
  findDocument,
  latestDeclarationDocument,
  normaliseSha256,
  verificationOf,
} from './document.service.ts';

export const documentResolvers: Resolvers = {
  Query: {
    verifyDocument: async (_root, { sha256 }, { db }) => {
      const hash = normaliseSha256(sha256);
      return verificationOf(db, hash, await findDocument(db, hash));
    },
    verifyCertificate: async (_root, { signatureId }, { db }) => {
      if (!isUuid(signatureId)) throw badInput('signatureId', 'A signature id is the UUID printed on the certificate.');
      const certificate = await findCertificate(db, signatureId);
      return certificate && verificationOf(db, certificate.sha256, certificate);
    },
  },
  DocumentVerification: {
    isIssued: (verification) => verification.document !== null,
  },
  Document: {
    issuedAt: (document) => document.createdAt,
    url: (document) => documentUrl(document.sha256),
    signature: async (document, _args, { db }) => {
      if (!document.signatureId) return null;
      const [row] = await db.select().from(schema.signature).where(eq(schema.signature.id, document.signatureId));
      return row ?? null;
    },
  },
  Alliance: {
    declarationDocument: (alliance, _args, { db }) => latestDeclarationDocument(db, alliance.id),
  },
};
