import { type Database, databaseErrorOf, SQLSTATE, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { DomainError, notFound } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import type { Actor } from '../policy/policy.ts';

/**
 * What the working-group use cases (use-cases/*.ts) share: their dependencies, finding the group a request
 * names, and what the audit log keeps of a group. Membership helpers: working-group-membership.ts.
 */
const { workingGroup } = schema;

export interface Deps {
  db: Database;
  actor: Actor | null;
  now?: Date;
}

export const OBJECT_TYPE = 'working_group';

/** What the audit log keeps of a group: every field the secretariat sets. */
export const auditedFields = (row: schema.WorkingGroup) => ({
  slug: row.slug,
  name: row.name,
  kind: row.kind,
  mandate: row.mandate,
  status: row.status,
  relevantStages: row.relevantStages,
});

/** A unique violation on the slug becomes CONFLICT on `input.slug`; anything else is not ours to explain. */
export function slugTaken(error: unknown, slug: string): DomainError | undefined {
  const info = databaseErrorOf(error);
  if (info?.code === SQLSTATE.uniqueViolation && info.constraint === 'working_group_alliance_slug_unique') {
    return new DomainError('CONFLICT', `Another working group of this alliance has the slug "${slug}".`, 'input.slug');
  }
  return undefined;
}

async function findGroup(db: Database, id: string): Promise<schema.WorkingGroup | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(workingGroup).where(eq(workingGroup.id, id)).limit(1);
  return row;
}

/** The group, or NOT_FOUND; the public learns nothing about ids and is asked to sign in instead. */
export async function existingGroup(db: Database, actor: Actor | null, id: string): Promise<schema.WorkingGroup> {
  const row = await findGroup(db, id);
  if (!row) {
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
    throw notFound('No such working group.');
  }
  return row;
}
