import { type Database, schema } from '@concord/db';
import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DuplicateFlagParent } from '../../graphql/mappers.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';

const { auditEvent, organisationDuplicateFlag, signature } = schema;

/** Signatures waiting for the secretariat, oldest confirmation first. */
export async function listReviewQueue(
  db: Database,
  allianceId: string,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<schema.Signature>> {
  const cursor = after ? (decodeCursor(after, ['string', 'string']) as [string, string]) : undefined;
  const confirmed = sql`coalesce(${signature.confirmedAt}, ${signature.signedAt})`;
  const rows = await db
    .select()
    .from(signature)
    .where(
      and(
        eq(signature.allianceId, allianceId),
        eq(signature.status, 'pending_review'),
        cursor ? sql`(${confirmed}, ${signature.id}) > (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(confirmed, asc(signature.id))
    .limit(first + 1);
  return toPage(rows, first);
}

export const reviewCursor = (row: schema.Signature) =>
  encodeCursor([(row.confirmedAt ?? row.signedAt).toISOString(), row.id]);

export async function countReviewQueue(db: Database, allianceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signature)
    .where(and(eq(signature.allianceId, allianceId), eq(signature.status, 'pending_review')));
  return row?.n ?? 0;
}

/** Open duplicate flags of each organisation, either side of the pair. */
export async function loadDuplicateFlags(
  db: Database,
  organisationIds: readonly string[],
): Promise<DuplicateFlagParent[][]> {
  const ids = [...new Set(organisationIds)];
  const rows = await db
    .select()
    .from(organisationDuplicateFlag)
    .where(
      and(
        isNull(organisationDuplicateFlag.resolvedAt),
        or(
          inArray(organisationDuplicateFlag.organisationId, ids),
          inArray(organisationDuplicateFlag.duplicateOfId, ids),
        ),
      ),
    );
  return organisationIds.map((id) =>
    rows
      .filter((r) => r.organisationId === id || r.duplicateOfId === id)
      .map((r) => ({ reason: r.reason, duplicateOfId: r.organisationId === id ? r.duplicateOfId : r.organisationId })),
  );
}

/** The audit events of each signature, oldest first. */
export async function loadSignatureHistory(
  db: Database,
  signatureIds: readonly string[],
): Promise<schema.AuditEvent[][]> {
  const rows = await db
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.objectType, 'signature'), inArray(auditEvent.objectId, [...new Set(signatureIds)])))
    .orderBy(asc(auditEvent.seq));
  return signatureIds.map((id) => rows.filter((r) => r.objectId === id));
}

export async function countActiveSignatures(db: Database, allianceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signature)
    .where(
      and(eq(signature.allianceId, allianceId), eq(signature.status, 'active'), gt(signature.activatedAt, new Date(0))),
    );
  return row?.n ?? 0;
}

/** Each organisation's signatures, newest first: for a representative's account page. */
export async function loadSignaturesOfOrganisations(
  db: Database,
  organisationIds: readonly string[],
): Promise<schema.Signature[][]> {
  const rows = await db
    .select()
    .from(signature)
    .where(inArray(signature.organisationId, [...new Set(organisationIds)]))
    .orderBy(desc(signature.createdAt));
  return organisationIds.map((id) => rows.filter((r) => r.organisationId === id));
}

/** Signatures by id, in the order asked (null where there is none): what a re-signature renews. */
export async function loadSignatures(
  db: Database,
  ids: readonly (string | null)[],
): Promise<(schema.Signature | null)[]> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length > 0 ? await db.select().from(signature).where(inArray(signature.id, wanted)) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => (id ? (byId.get(id) ?? null) : null));
}
