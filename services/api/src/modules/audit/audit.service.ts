import { randomBytes } from 'node:crypto';
import { type Database, schema } from '@concord/db';
import { sql } from 'drizzle-orm';

export interface AuditEntry {
  allianceId?: string | null;
  actorPersonId?: string | null;
  actorOrganisationId?: string | null;
  /** `<object>.<verb>`, e.g. signature.approved. */
  action: string;
  objectType: string;
  objectId: string;
  /** What changed. Never a person's name, e-mail address, job title or client details: those go in `personal`. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /**
   * The personal data the event records (a signer's name and job title, the address a person registered with), and
   * whose it is. Kept apart in `audit_personal` and chained only as a salted digest, so that erasing it
   * (docs/adr/0014-personal-data.md) leaves the chain verifiable.
   */
  personal?: { personId: string; data: Record<string, unknown> } | null;
}

/**
 * Appends an audit event in the caller's transaction: it exists if and only if the change commits. The
 * database numbers and chains it (migrations 0001 and 0010); its number (`seq`) is answered, which names the change
 * (an e-mail about it is keyed on it).
 */
export async function recordAudit(tx: Database, entry: AuditEntry): Promise<number> {
  const personal = entry.personal ?? null;
  const salt = personal ? randomBytes(32).toString('hex') : null;
  const data = personal ? JSON.stringify(personal.data) : null;
  const [event] = await tx
    .insert(schema.auditEvent)
    .values({
      allianceId: entry.allianceId ?? null,
      actorPersonId: entry.actorPersonId ?? null,
      actorOrganisationId: entry.actorOrganisationId ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      // Computed by the database from the same jsonb text it will store, so that the two always agree.
      personalDigest: personal ? sql`audit_personal_digest(${salt}, ${data}::jsonb)` : null,
    })
    .returning({ seq: schema.auditEvent.seq });
  if (!event) throw new Error('audit event not recorded');
  if (personal) {
    await tx
      .insert(schema.auditPersonal)
      .values({ eventSeq: event.seq, personId: personal.personId, salt, data: sql`${data}::jsonb` });
  }
  return event.seq;
}
