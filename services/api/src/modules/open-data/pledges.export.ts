import { type Database, schema } from '@concord/db';
import { and, asc, eq, gt } from 'drizzle-orm';
import { wireName } from '../../graphql/enums.ts';
import type { ExportColumn } from './tabular-export.ts';

const { organisation, pledge, workingGroup } = schema;

/** One accepted pledge, with its organisation, as the open-data JSON lists it. */
export interface PledgeExportRow {
  pledgeId: string;
  organisationId: string;
  organisation: string;
  country: string;
  organisationKind: string;
  kind: string;
  polymer: string;
  sector: string;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  workingGroup: string | null;
  version: number;
  acceptedOn: Date | null;
  conditions: string | null;
}

/**
 * The columns of the pledge register's CSV and XLSX (docs/exports.md), under the same names and in the same
 * order, then the organisation's id and the pledge's conditions, which the JSON adds.
 */
export const pledgeColumns: readonly ExportColumn<PledgeExportRow>[] = [
  { name: 'pledge_id', type: 'text', value: (r) => r.pledgeId },
  { name: 'organisation', type: 'text', value: (r) => r.organisation },
  { name: 'country', type: 'text', value: (r) => r.country },
  { name: 'organisation_kind', type: 'text', value: (r) => r.organisationKind },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'polymer', type: 'text', value: (r) => r.polymer },
  { name: 'sector', type: 'text', value: (r) => r.sector },
  { name: 'tonnes_per_year', type: 'decimal', value: (r) => r.tonnesPerYear },
  { name: 'target_year', type: 'integer', value: (r) => r.targetYear },
  { name: 'baseline_tonnes', type: 'decimal', value: (r) => r.baselineTonnes },
  { name: 'baseline_year', type: 'integer', value: (r) => r.baselineYear },
  { name: 'working_group', type: 'text', value: (r) => r.workingGroup },
  { name: 'version', type: 'integer', value: (r) => r.version },
  { name: 'accepted_on', type: 'date', value: (r) => r.acceptedOn },
  { name: 'organisation_id', type: 'text', value: (r) => r.organisationId },
  { name: 'conditions', type: 'text', value: (r) => r.conditions },
];

/**
 * Accepted pledges in the order they were made (their UUIDv7 keys), `pageSize` at a time: one keyset query a
 * page, organisation and working group joined in.
 */
export async function* pledgeExportRows(
  db: Database,
  allianceId: string,
  { pageSize = 1000 }: { pageSize?: number } = {},
): AsyncGenerator<PledgeExportRow[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .select({
        pledgeId: pledge.id,
        organisationId: pledge.organisationId,
        organisation: organisation.legalName,
        country: organisation.country,
        organisationKind: organisation.kind,
        workingGroup: workingGroup.slug,
        kind: pledge.kind,
        polymer: pledge.polymer,
        sector: pledge.sector,
        tonnesPerYear: pledge.tonnesPerYear,
        targetYear: pledge.targetYear,
        baselineTonnes: pledge.baselineTonnes,
        baselineYear: pledge.baselineYear,
        conditions: pledge.conditions,
        version: pledge.currentVersion,
        acceptedOn: pledge.decidedAt,
      })
      .from(pledge)
      .innerJoin(organisation, eq(organisation.id, pledge.organisationId))
      .leftJoin(workingGroup, eq(workingGroup.id, pledge.workingGroupId))
      .where(
        and(eq(pledge.allianceId, allianceId), eq(pledge.status, 'accepted'), after ? gt(pledge.id, after) : undefined),
      )
      .orderBy(asc(pledge.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...r,
      organisationKind: wireName('OrganisationKind', r.organisationKind),
      kind: wireName('PledgeKind', r.kind),
      polymer: r.polymer,
      sector: wireName('ApplicationSector', r.sector),
    }));
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.pledgeId;
    if (!after) return;
  }
}
