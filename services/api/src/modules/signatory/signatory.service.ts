import { type Database, schema } from '@concord/db';
import { and, asc, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { optionalText } from '../../lib/validate.ts';
import { isOfEarlierVersion } from '../signing/not-resigned.ts';

const { declarationVersion, organisation, signature } = schema;

/** An organisation with an active signature of an alliance's declaration, as the register lists it. */
export interface Signatory {
  id: string;
  activeSince: Date;
  declarationVersion: number;
  /** The alliance signed: the reporting status of a signatory is its status there. */
  allianceId: string;
  organisation: schema.Organisation;
}

export interface SignatoryFilter {
  country?: string | undefined;
  kind?: schema.OrganisationKind | undefined;
  stage?: schema.ValueChainStage | undefined;
  search?: string | undefined;
  /** Signed an earlier version than the one in force (true), or that one (false). */
  onEarlierVersion?: boolean | undefined;
}

export const MAX_SEARCH_LENGTH = 100;

/** `%` and `_` in what people type are letters, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Which active signatures of an alliance the register shows for `filter`; the signatories export uses it too. */
export function filterConditions(allianceId: string, filter: SignatoryFilter): SQL[] {
  const conditions: SQL[] = [eq(signature.allianceId, allianceId), eq(signature.status, 'active')];
  if (filter.country) conditions.push(eq(organisation.country, filter.country));
  if (filter.kind) conditions.push(eq(organisation.kind, filter.kind));
  if (filter.stage) conditions.push(sql`${filter.stage} = any(${organisation.stages})`);
  const search = optionalText(filter.search, 'filter.search', { max: MAX_SEARCH_LENGTH });
  if (search) {
    conditions.push(ilike(organisation.legalName, `%${escapeLike(search)}%`));
  }
  if (filter.onEarlierVersion !== undefined) {
    // The signing rule's own condition (signing/not-resigned.ts), on the active signatures the register lists.
    const earlier = isOfEarlierVersion(allianceId);
    conditions.push(filter.onEarlierVersion ? earlier : sql`not (${earlier})`);
  }
  return conditions;
}

/** What the register shows of a signature: the organisation comes with the row (no second query). */
const signatoryColumns = {
  id: signature.id,
  activatedAt: signature.activatedAt,
  signedAt: signature.signedAt,
  declarationVersion: declarationVersion.version,
  allianceId: signature.allianceId,
  organisation,
};

function signatories(db: Database, conditions: SQL[]) {
  return db
    .select(signatoryColumns)
    .from(signature)
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .innerJoin(declarationVersion, eq(declarationVersion.id, signature.declarationVersionId))
    .where(and(...conditions));
}

const toSignatory = (row: {
  id: string;
  activatedAt: Date | null;
  signedAt: Date;
  declarationVersion: number;
  allianceId: string;
  organisation: schema.Organisation;
}): Signatory => ({
  id: row.id,
  allianceId: row.allianceId,
  activeSince: row.activatedAt ?? row.signedAt,
  declarationVersion: row.declarationVersion,
  organisation: row.organisation,
});

/** Active signatories by organisation name. */
export async function listSignatories(
  db: Database,
  allianceId: string,
  { first, after, filter }: { first: number; after?: string | null | undefined; filter: SignatoryFilter },
): Promise<Page<Signatory>> {
  const conditions = filterConditions(allianceId, filter);
  if (after) {
    const [name, id] = decodeCursor(after, ['string', 'string']) as [string, string];
    conditions.push(
      or(gt(organisation.legalName, name), and(eq(organisation.legalName, name), gt(signature.id, id))) as SQL,
    );
  }
  const rows = await signatories(db, conditions)
    .orderBy(asc(organisation.legalName), asc(signature.id))
    .limit(first + 1);
  return toPage(rows.map(toSignatory), first);
}

/**
 * One organisation's active signature of the alliance's declaration, or null: pending, rejected and withdrawn
 * signatures are not in the register, so not here either. One live signature per organisation and alliance.
 */
export async function findSignatory(
  db: Database,
  allianceId: string,
  organisationId: string,
): Promise<Signatory | null> {
  // A merged organisation's id leads to the one it was merged into (its signatures moved there).
  const [row] = await signatories(db, [
    eq(signature.allianceId, allianceId),
    eq(
      signature.organisationId,
      sql`coalesce((select o.merged_into_id from organisation o where o.id = ${organisationId}), ${organisationId}::uuid)`,
    ),
    eq(signature.status, 'active'),
  ]).limit(1);
  return row ? toSignatory(row) : null;
}

export const signatoryCursor = (row: Signatory) => encodeCursor([row.organisation.legalName, row.id]);

export async function countSignatories(db: Database, allianceId: string, filter: SignatoryFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signature)
    .innerJoin(organisation, eq(organisation.id, signature.organisationId))
    .where(and(...filterConditions(allianceId, filter)));
  return row?.n ?? 0;
}
