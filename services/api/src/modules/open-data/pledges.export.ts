import { type Database, schema } from '@concord/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { wireName } from '../../graphql/enums.ts';
import { filterConditions, type PledgeFilter } from '../pledge/pledge.reads.ts';
import type { ExportColumn } from './tabular-export.ts';

const { organisation, pledge, workingGroup } = schema;

/** One accepted pledge, with its organisation, as the pledge files list it (docs/exports.md). */
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
 * The columns of the pledge register's files, the same in CSV, XLSX and JSON (docs/exports.md): the register's
 * fourteen, then the organisation's id and the pledge's conditions.
 */
export const pledgeColumns: readonly ExportColumn<PledgeExportRow>[] = [
  { name: 'pledge_id', type: 'text', width: 38, value: (r) => r.pledgeId },
  { name: 'organisation', type: 'text', width: 48, value: (r) => r.organisation },
  { name: 'country', type: 'text', value: (r) => r.country },
  { name: 'organisation_kind', type: 'text', value: (r) => r.organisationKind },
  { name: 'kind', type: 'text', value: (r) => r.kind },
  { name: 'polymer', type: 'text', value: (r) => r.polymer },
  { name: 'sector', type: 'text', value: (r) => r.sector },
  { name: 'tonnes_per_year', type: 'decimal', width: 16, value: (r) => r.tonnesPerYear },
  { name: 'target_year', type: 'integer', value: (r) => r.targetYear },
  { name: 'baseline_tonnes', type: 'decimal', value: (r) => r.baselineTonnes },
  { name: 'baseline_year', type: 'integer', value: (r) => r.baselineYear },
  { name: 'working_group', type: 'text', value: (r) => r.workingGroup },
  { name: 'version', type: 'integer', value: (r) => r.version },
  { name: 'accepted_on', type: 'date', value: (r) => r.acceptedOn },
  { name: 'organisation_id', type: 'text', value: (r) => r.organisationId },
  { name: 'conditions', type: 'text', value: (r) => r.conditions },
];

export const PLEDGE_EXPORT_PAGE_SIZE = 1000;

/**
 * The accepted pledges matching the filter, in the register's order (largest first, as `Alliance.pledges`),
 * `pageSize` at a time: one keyset query a page on tonnes and id, organisation and working group joined in, so
 * that a file of any size holds one page in memory.
 */
export async function* pledgeExportRows(
  db: Database,
  allianceId: string,
  { filter = {}, pageSize = PLEDGE_EXPORT_PAGE_SIZE }: { filter?: PledgeFilter; pageSize?: number } = {},
): AsyncGenerator<PledgeExportRow[]> {
  let after: { tonnes: string; id: string } | undefined;
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
        and(
          ...filterConditions(allianceId, filter),
          after
            ? sql`(${pledge.tonnesPerYear}, ${pledge.id}) < (${after.tonnes}::numeric, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(pledge.tonnesPerYear), desc(pledge.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...r,
      organisationKind: wireName('OrganisationKind', r.organisationKind),
      kind: wireName('PledgeKind', r.kind),
      sector: wireName('ApplicationSector', r.sector),
    }));
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    after = { tonnes: last.tonnesPerYear, id: last.pledgeId };
  }
}
