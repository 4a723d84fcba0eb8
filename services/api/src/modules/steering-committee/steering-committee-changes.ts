import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { isUuid } from '../../lib/validate.ts';
import type { Actor } from '../policy/policy.ts';

/** What the steering committee's use cases (use-cases/*.ts) share. */
export interface Deps {
  db: Database;
  jobs: JobQueue;
  config: Config;
  actor: Actor | null;
  now?: Date;
}

export const OBJECT_TYPE = 'alliance';

/** The alliance a request names; locked for the caller's transaction with `lock` (changes apply one by one). */
export async function existingAlliance(
  db: Database,
  actor: Actor | null,
  id: string,
  { lock = false } = {},
): Promise<schema.Alliance> {
  const query = db.select().from(schema.alliance).where(eq(schema.alliance.id, id));
  const [row] = isUuid(id) ? await (lock ? query.for('update') : query) : [];
  if (!row) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such alliance.');
  }
  return row;
}

/** The people, the public page and its link for the appointment's e-mail. */
export const committeeUrl = (config: Config, allianceSlug: string) =>
  `${config.publicUrl}/alliances/${allianceSlug}/steering-committee`;
