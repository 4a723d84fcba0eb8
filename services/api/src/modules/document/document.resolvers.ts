import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import type { Resolvers } from '../../graphql/resolvers.generated.ts';
import { isUuid } from '../../lib/validate.ts';
import { can } from '../policy/policy.ts';
import {
  documentUrl,
  findCertificate,
  findDocument,
  latestDeclarationDocument,
  normaliseSha256,
  verificationOf,
} from './document.service.ts';
import { audienceOf, mayDownload, maySeeEntry } from './document-visibility.ts';

export const documentResolvers: Resolvers = {
  Query: {
    verifyDocument: async (_root, { sha256 }, { db, actor }) => {
      const hash = normaliseSha256(sha256);
      // A document of something not yet public answers as an unknown hash, except to those who may know it.
      const entry = await findDocument(db, hash);
      const isKnown = entry !== null && maySeeEntry(await actor(), await audienceOf(db, entry));
      return verificationOf(db, hash, isKnown ? entry : null);
    },
    verifyCertificate: async (_root, { signatureId }, { db }) => {
      if (!isUuid(signatureId)) throw badInput('signatureId', 'A signature id is the UUID printed on the certificate.');
      // A certificate's entry is public (docs/visibility.md); its file is not.
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
    // An erased file (it named a person whose data was erased) is nobody's to download; its entry stays.
    mayDownload: async (document, _args, { db, actor }) =>
      !document.contentErasedAt && mayDownload(await actor(), await audienceOf(db, document)),
    // The signature behind a certificate carries the signer's name and job title and any reason given.
    signature: async (document, _args, { db, actor }) => {
      if (!document.signatureId) return null;
      const [row] = await db.select().from(schema.signature).where(eq(schema.signature.id, document.signatureId));
      if (!row) return null;
      const operation = {
        action: 'signature.viewPrivate',
        allianceId: row.allianceId,
        organisationId: row.organisationId,
      } as const;
      return can(await actor(), operation) ? row : null;
    },
  },
  Alliance: {
    declarationDocument: (alliance, _args, { db }) => latestDeclarationDocument(db, alliance.id),
  },
};
