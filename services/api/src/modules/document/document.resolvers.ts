import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { documentUrl, findDocument, latestDeclarationDocument, normaliseSha256 } from './document.service.ts';

export const documentResolvers: Resolvers = {
  Query: {
    verifyDocument: async (_root, { sha256 }, { db }) => {
      const hash = normaliseSha256(sha256);
      const document = await findDocument(db, hash);
      let isSignatureActive: boolean | null = null;
      if (document?.signatureId) {
        const [row] = await db
          .select({ status: schema.signature.status })
          .from(schema.signature)
          .where(eq(schema.signature.id, document.signatureId));
        isSignatureActive = row?.status === 'active';
      }
      return { sha256: hash, document, isSignatureActive };
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
