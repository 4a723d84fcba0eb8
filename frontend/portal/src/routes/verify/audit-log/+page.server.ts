import { AuditLogDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import { readSha256 } from '$lib/sha256';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

/**
 * The audit log's head, and a GET form to check one kept earlier (from this page, /audit/head or a PDF's footer):
 * every check is a link, and works without JavaScript.
 */
export const load: PageServerLoad = async ({ fetch, url }) => {
  const typedSeq = url.searchParams.get('seq')?.trim() ?? '';
  const typedHash = url.searchParams.get('hash')?.trim() ?? '';
  const isAsked = url.searchParams.has('seq') || url.searchParams.has('hash');
  const seq = /^\d{1,9}$/.test(typedSeq) ? Number(typedSeq) : undefined;
  const hash = readSha256(typedHash) ?? undefined;
  const errors = {
    seq: isAsked && seq === undefined ? m.audit_log_seq_invalid() : undefined,
    hash: isAsked && !hash ? m.verify_sha256_invalid() : undefined,
  };
  const check = isAsked && seq !== undefined && hash !== undefined;
  const data = await execute(fetch, AuditLogDocument, { seq: seq ?? 0, hash: hash ?? '', check });
  return {
    head: data.auditLogHead,
    check: data.auditLogCheck ?? null,
    typed: { seq: typedSeq, hash: typedHash },
    errors,
  };
};
