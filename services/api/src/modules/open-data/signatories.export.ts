import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { wireName } from '../../graphql/enums.ts';
import { reportingStatusOf } from '../reporting/reporting.sql.ts';
import { utcDate } from '../reporting/reporting-dates.ts';
import { filterConditions, type SignatoryFilter } from '../signatory/signatory.service.ts';
import type { ExportColumn } from './tabular-export.ts';

const { declarationVersion, organisation, signature, workingGroup, workingGroupMember } = schema;

/** One active signatory of an alliance, as the open-data files list it. */
export interface SignatoryExportRow {
  signatureId: string;
  organisationId: string;
  legalName: string;
  country: string;
  kind: string;
  size: string;
  stages: string[];
  /** Slugs of the alliance's working groups the organisation belongs to, in order. */
  workingGroups: string[];
  activeSince: Date;
  declarationVersion: number;
  /**
   * NEW, ACTIVE, NOT_REPORTING or INACTIVE in the exported alliance: derived from its closed reporting
   * campaigns and the pledges made to it, as `Signatory.reportingStatus` in the API.
   */
  reportingStatus: string;
}

/** Snake-case names, as in every file under /exports (docs/open-data.md, docs/exports.md). */
export const signatoryColumns: readonly ExportColumn<SignatoryExportRow>[] = [
  { name: 'organisation_id', type: 'text', value: (r) => r.organisationId, width: 38 },
  { name: 'legal_name', type: 'text', value: (r) => r.legalName, width: 48 },
  { name: 'country', type: 'text', value: (r) => r.country, width: 9 },
  { name: 'kind', labelKey: 'organisation_kind', type: 'text', value: (r) => r.kind, width: 22 },
  { name: 'size', type: 'text', value: (r) => r.size, width: 8 },
  { name: 'stages', type: 'list', value: (r) => r.stages, width: 40 },
  { name: 'working_groups', type: 'list', value: (r) => r.workingGroups, width: 40 },
  { name: 'active_since', type: 'dateTime', value: (r) => r.activeSince, width: 21 },
  { name: 'declaration_version', type: 'integer', value: (r) => r.declarationVersion },
  { name: 'reporting_status', type: 'text', value: (r) => r.reportingStatus, width: 16 },
];

/**
 * Active signatories by legal name, as the register filters them, `pageSize` at a time: each page is one keyset query (after the last
 * name and signature id seen), which derives each row's reporting status in the alliance as of `today` (UTC; the day the
 * download began), and one query for the page's working-group memberships.
 */
export async function* signatoryExportRows(
  db: Database,
  allianceId: string,
  {
    pageSize = 1000,
    today = utcDate(new Date()),
    filter = {},
  }: { pageSize?: number; today?: string; filter?: SignatoryFilter } = {},
): AsyncGenerator<SignatoryExportRow[]> {
  let after: { legalName: string; signatureId: string } | undefined;
  for (;;) {
    const rows = await db
      .select({
        signatureId: signature.id,
        activatedAt: signature.activatedAt,
        signedAt: signature.signedAt,
        declarationVersion: declarationVersion.version,
        organisationId: organisation.id,
        legalName: organisation.legalName,
        country: organisation.country,
        kind: organisation.kind,
        size: organisation.size,
        stages: organisation.stages,
        reportingStatus: reportingStatusOf(organisation.id, signature.allianceId, today),
      })
      .from(signature)
      .innerJoin(organisation, eq(organisation.id, signature.organisationId))
      .innerJoin(declarationVersion, eq(declarationVersion.id, signature.declarationVersionId))
      .where(
        and(
          ...filterConditions(allianceId, filter),
          after
            ? sql`(${organisation.legalName}, ${signature.id}) > (${after.legalName}, ${after.signatureId}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(organisation.legalName), asc(signature.id))
      .limit(pageSize);
    if (rows.length === 0) return;

    const memberships = await db
      .select({ organisationId: workingGroupMember.organisationId, slug: workingGroup.slug })
      .from(workingGroupMember)
      .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
      .where(
        and(
          eq(workingGroup.allianceId, allianceId),
          inArray(
            workingGroupMember.organisationId,
            rows.map((r) => r.organisationId),
          ),
        ),
      )
      .orderBy(asc(workingGroup.slug));
    const groups = new Map<string, string[]>();
    for (const m of memberships) groups.set(m.organisationId, [...(groups.get(m.organisationId) ?? []), m.slug]);

    yield rows.map((r) => ({
      signatureId: r.signatureId,
      organisationId: r.organisationId,
      legalName: r.legalName,
      country: r.country,
      kind: wireName('OrganisationKind', r.kind),
      size: wireName('OrganisationSize', r.size),
      stages: r.stages.map((s) => wireName('ValueChainStage', s)),
      workingGroups: groups.get(r.organisationId) ?? [],
      activeSince: r.activatedAt ?? r.signedAt,
      declarationVersion: r.declarationVersion,
      reportingStatus: wireName('ReportingStatus', r.reportingStatus),
    }));
    if (rows.length < pageSize) return;
    const last = rows.at(-1);
    if (!last) return;
    after = { legalName: last.legalName, signatureId: last.signatureId };
  }
}
