import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray } from 'drizzle-orm';

/** `Organisation.history`: the audit log's corrections and merges of each organisation, oldest first. */
const { auditEvent } = schema;
export const ORGANISATION_HISTORY_ACTIONS = ['organisation.updated', 'organisation.merged', 'organisation.merged_into'];

export interface OrganisationChangeShape {
  at: Date;
  action: string;
  changes: { field: string; from: string | null; to: string | null }[];
  otherOrganisationId: string | null;
}

const shown = (value: unknown): string | null =>
  value === null || value === undefined ? null : Array.isArray(value) ? value.join(',') : String(value);

export async function loadOrganisationHistory(
  db: Database,
  organisationIds: readonly string[],
): Promise<OrganisationChangeShape[][]> {
  const rows = await db
    .select()
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.objectType, 'organisation'),
        inArray(auditEvent.objectId, [...new Set(organisationIds)]),
        inArray(auditEvent.action, ORGANISATION_HISTORY_ACTIONS),
      ),
    )
    .orderBy(asc(auditEvent.seq));
  const byOrganisation = new Map<string, OrganisationChangeShape[]>();
  for (const row of rows) {
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    const other = row.action === 'organisation.merged' ? after.duplicateId : after.survivorId;
    const change: OrganisationChangeShape = {
      at: row.occurredAt,
      action: row.action,
      changes:
        row.action === 'organisation.updated'
          ? Object.keys(after).map((field) => ({ field, from: shown(before[field]), to: shown(after[field]) }))
          : [],
      otherOrganisationId: typeof other === 'string' ? other : null,
    };
    byOrganisation.set(row.objectId, [...(byOrganisation.get(row.objectId) ?? []), change]);
  }
  return organisationIds.map((id) => byOrganisation.get(id) ?? []);
}
