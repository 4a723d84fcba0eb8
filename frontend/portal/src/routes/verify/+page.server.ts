import { VerifyDocumentDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import { readSha256 } from '$lib/sha256';
import type { PageServerLoad } from './$types';

/** A GET form: every check is a link, works without JavaScript, and nothing is uploaded. */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const typed = url.searchParams.get('sha256') ?? '';
  if (!typed.trim()) return { typed, verification: null, error: null };
  const sha256 = readSha256(typed);
  if (!sha256) return { typed, verification: null, error: m.verify_sha256_invalid() };
  const { verifyDocument } = await execute(fetch, VerifyDocumentDocument, { sha256 });
  return { typed: sha256, verification: verifyDocument, error: null };
};
