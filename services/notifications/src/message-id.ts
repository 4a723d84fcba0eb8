import { createHash } from 'node:crypto';

/**
 * The Message-ID of the e-mail sent for an idempotency key. Deterministic, so a copy sent twice (see the window
 * described in deliver-email.ts) carries the same id, and mail clients and archives that deduplicate on it show
 * one message. Hashed, so the key (which may name people or objects) does not leak into headers.
 */
export function messageIdFor(idempotencyKey: string, domain = 'concord.local'): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex')}@${domain}>`;
}
