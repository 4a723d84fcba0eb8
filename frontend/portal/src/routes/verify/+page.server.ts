import { VerifyCertificateDocument, VerifyDocumentDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import { readSha256 } from '$lib/sha256';
import { match as isUuid } from '../../params/uuid';
import type { PageServerLoad } from './$types';

/** A GET form: every check is a link, works without JavaScript, and nothing is uploaded. */
export const load: PageServerLoad = async ({ fetch, url }) => {
  // A certificate's QR code opens /verify?certificate=<signature id>: a PDF cannot carry its own SHA-256.
  const certificate = url.searchParams.get('certificate')?.trim() ?? '';
  if (certificate) {
    if (!isUuid(certificate)) {
      return { typed: '', verification: null, error: null, isByCertificate: true, isUnknownCertificate: true };
    }
    const { verifyCertificate } = await execute(fetch, VerifyCertificateDocument, { signatureId: certificate });
    return {
      typed: verifyCertificate?.sha256 ?? '',
      verification: verifyCertificate,
      error: null,
      isByCertificate: true,
      isUnknownCertificate: verifyCertificate === null,
    };
  }
  const typed = url.searchParams.get('sha256') ?? '';
  if (!typed.trim())
    return { typed, verification: null, error: null, isByCertificate: false, isUnknownCertificate: false };
  const sha256 = readSha256(typed);
  if (!sha256) {
    return {
      typed,
      verification: null,
      error: m.verify_sha256_invalid(),
      isByCertificate: false,
      isUnknownCertificate: false,
    };
  }
  const { verifyDocument } = await execute(fetch, VerifyDocumentDocument, { sha256 });
  return {
    typed: sha256,
    verification: verifyDocument,
    error: null,
    isByCertificate: false,
    isUnknownCertificate: false,
  };
};

// Rendered by the server alone: hashing a chosen file is a script of its own (docs/adr/0028).
export const csr = false;
