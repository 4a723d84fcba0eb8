import { type Database, schema } from '@concord/db';

export interface AuditEntry {
  allianceId?: string | null;
  actorPersonId?: string | null;
  actorOrganisationId?: string | null;
  /** `<object>.<verb>`, e.g. signature.approved. */
  action: string;
  objectType: string;
  objectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Appends an audit event in the caller's transaction: it exists if and only if the change commits. The
 * database numbers and chains it (migration 0001).
 */
export async function recordAudit(tx: Database, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditEvent).values({
    allianceId: entry.allianceId ?? null,
    actorPersonId: entry.actorPersonId ?? null,
    actorOrganisationId: entry.actorOrganisationId ?? null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
