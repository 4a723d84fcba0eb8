import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import { type Actor, authorize } from '../policy/policy.ts';

/**
 * What the signing use cases (use-cases/*.ts) share: their dependencies and finding the signature a request
 * names. A transition then updates the signature conditionally on its status, so two requests racing end in
 * one change and CONFLICT for the other (the CONFLICT's words: signature-state.ts).
 */
const { signature } = schema;

export interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

/** The signature a request names, or NOT_FOUND (UNAUTHENTICATED for the public). */
export async function signatureFor(db: Database, actor: Actor | null, signatureId: string): Promise<schema.Signature> {
  const [row] = isUuid(signatureId)
    ? await db.select().from(signature).where(eq(signature.id, signatureId)).limit(1)
    : [];
  if (!row) {
    // The public learns nothing about ids; staff get a clear answer.
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such signature.');
  }
  return row;
}

/** A signature the actor may review (approve or reject): the secretariat of its alliance. */
export async function reviewable(db: Database, actor: Actor | null, signatureId: string): Promise<schema.Signature> {
  const row = await signatureFor(db, actor, signatureId);
  authorize(actor, { action: 'signature.review', allianceId: row.allianceId });
  return row;
}
