import { type Database, schema } from '@concord/db';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';

/**
 * The one home of the rule "this signatory has not re-signed" (docs/adr/0032): its signature in the alliance is
 * active and of a version older than the one in force. An organisation has one live signature per alliance
 * (signature_one_live_per_organisation) and re-signing makes the earlier one `superseded`, so the rule is a
 * condition on that one signature row. A signature is of a published version or of a superseded one (drafts are not
 * signed), so "older than the one in force" is "of a superseded version". Used by the secretariat's list
 * (Alliance.signatoriesNotResigned), by the invitations sent when a version is published, by the announcements'
 * NOT_RESIGNED segment and by the register's filter (SignatoryFilter.onEarlierVersion).
 */
const { declarationVersion, organisation, signature } = schema;

/** The version of the alliance's declaration in force (the published one), if there is one. */
export async function versionInForce(db: Database, allianceId: string): Promise<schema.DeclarationVersion | undefined> {
  const [row] = await db
    .select()
    .from(declarationVersion)
    .where(and(eq(declarationVersion.allianceId, allianceId), eq(declarationVersion.status, 'published')))
    .limit(1);
  return row;
}

/**
 * A signature of the alliance is of a version older than the one in force. A subquery rather than a join: counts and
 * exports filter without joining the versions.
 */
export const isOfEarlierVersion = (allianceId: string): SQL =>
  sql`${signature.declarationVersionId} in (select ${declarationVersion.id} from ${declarationVersion}
    where ${declarationVersion.allianceId} = ${allianceId} and ${declarationVersion.status} = 'superseded')`;

/** The rule, as a condition on `signature`: active, of a version older than the one in force. */
export const isNotResigned = (allianceId: string): SQL =>
  and(eq(signature.status, 'active'), isOfEarlierVersion(allianceId)) as SQL;

/** The active signatures that have not re-signed, oldest version first, then by organisation name: one statement. */
export async function listNotResigned(db: Database, allianceId: string, first: number): Promise<schema.Signature[]> {
  const rows = await db
    .select({ signature })
    .from(signature)
    .innerJoin(declarationVersion, eq(declarationVersion.id, signature.declarationVersionId))
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .where(and(eq(signature.allianceId, allianceId), isNotResigned(allianceId)))
    .orderBy(asc(declarationVersion.version), asc(organisation.legalName), asc(signature.id))
    .limit(first);
  return rows.map((row) => row.signature);
}

export async function countNotResigned(db: Database, allianceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signature)
    .where(and(eq(signature.allianceId, allianceId), isNotResigned(allianceId)));
  return row?.n ?? 0;
}
