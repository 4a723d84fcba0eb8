import { schema, uuidv7 } from '@concord/db';
import { eq, inArray } from 'drizzle-orm';
import { parsePledgeInput } from '../pledge/pledge-input.ts';
import { parseReportInput } from '../reporting/reporting-input.ts';
import {
  asRowError,
  asRowErrorOf,
  choice,
  day,
  inChunks,
  integer,
  key,
  type PlanState,
  RowError,
  type SheetRows,
} from './plan-rules.ts';

/** Pledges, accepted on the day the file says, with their first version. */
export async function planPledges(state: PlanState, rows: SheetRows['rows']): Promise<void> {
  const { ctx, record, resolve, writes, knownKeys, fileKeys, isSignatory, groupOf } = state;
  const { allianceId } = ctx;
  for (const { line, cells } of rows) {
    const keyValue = cells.pledge_key || null;
    try {
      const pledgeKey = key(cells.pledge_key ?? '', 'pledge_key');
      const earlier = fileKeys.get(`pledges:${pledgeKey}`);
      if (earlier) throw new RowError('pledge_key', 'This key is in the file twice.');
      const known = knownKeys.get(`pledges:${pledgeKey}`);
      if (known) {
        fileKeys.set(`pledges:${pledgeKey}`, { id: known });
        record('pledges', line, pledgeKey, 'unchanged');
        continue;
      }
      fileKeys.set(`pledges:${pledgeKey}`, { line });
      const organisationId = resolve(
        'organisations',
        key(cells.organisation_key ?? '', 'organisation_key'),
        'organisation_key',
      );
      const figures = asRowErrorOf(() =>
        parsePledgeInput(
          {
            kind: choice(schema.pledgeKinds, cells.kind ?? '', 'kind'),
            polymer: choice(schema.polymers, cells.polymer ?? '', 'polymer'),
            sector: choice(schema.applicationSectors, cells.sector ?? '', 'sector'),
            tonnesPerYear: cells.tonnes_per_year ?? '',
            targetYear: integer(cells.target_year ?? '', 'target_year'),
            baselineTonnes: cells.baseline_tonnes || null,
            baselineYear: cells.baseline_year ? integer(cells.baseline_year, 'baseline_year') : null,
            conditions: cells.conditions || null,
            workingGroupSlug: cells.working_group || null,
          },
          'row',
        ),
      );
      const workingGroupId = figures.workingGroupSlug ? groupOf(figures.workingGroupSlug, 'working_group') : null;
      const acceptedAt = day(cells.accepted_on ?? '', 'accepted_on', ctx.today);
      isSignatory(organisationId);
      const id = uuidv7();
      const { workingGroupSlug: _slug, ...rest } = figures;
      const row = { ...rest, workingGroupId, submittedAt: acceptedAt, decidedAt: acceptedAt };
      writes.pledges.push({
        id,
        allianceId,
        organisationId,
        ...row,
        status: 'accepted',
        currentVersion: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      writes.pledgeVersions.push({
        pledgeId: id,
        version: 1,
        ...row,
        status: 'accepted',
        decidedByPersonId: ctx.actorPersonId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      writes.keys.push({ sheet: 'pledges', key: pledgeKey, objectId: id });
      fileKeys.set(`pledges:${pledgeKey}`, { id });
      record('pledges', line, pledgeKey, 'new');
    } catch (error) {
      record('pledges', line, keyValue, 'error', asRowError(error));
    }
  }
}

/** Progress reports, validated on the day the file says; one per pledge and year. */
export async function planReports(state: PlanState, reportRows: SheetRows['rows']): Promise<void> {
  const { ctx, record, resolve, writes, knownKeys } = state;
  const { tx, allianceId } = ctx;
  const pledgeIdsReported = [
    ...new Set(
      reportRows.flatMap((r) => {
        const known = knownKeys.get(`pledges:${r.cells.pledge_key ?? ''}`);
        return known ? [known] : [];
      }),
    ),
  ];
  const reported = new Set<string>();
  for (const r of await inChunks(pledgeIdsReported, (chunk) =>
    tx
      .select({ p: schema.progressReport.pledgeId, y: schema.progressReport.year })
      .from(schema.progressReport)
      .where(inArray(schema.progressReport.pledgeId, chunk)),
  )) {
    reported.add(`${r.p}:${r.y}`);
  }
  const campaigns = new Map<number, string>();
  for (const c of await tx
    .select({ id: schema.reportingCampaign.id, year: schema.reportingCampaign.year })
    .from(schema.reportingCampaign)
    .where(eq(schema.reportingCampaign.allianceId, allianceId))) {
    campaigns.set(c.year, c.id);
  }
  const thisYear = Number(ctx.today.slice(0, 4));
  const seenReports = new Map<string, number>();
  for (const { line, cells } of reportRows) {
    const keyValue = cells.pledge_key || null;
    try {
      const pledgeId = resolve('pledges', key(cells.pledge_key ?? '', 'pledge_key'), 'pledge_key');
      const year = integer(cells.year ?? '', 'year');
      const report = asRowErrorOf(() =>
        parseReportInput({
          pledgeId,
          year,
          tonnesAchieved: cells.tonnes_achieved ?? '',
          evidenceScheme: cells.evidence_scheme || null,
          certificateNumber: cells.certificate_number || null,
          auditor: cells.auditor || null,
        }),
      );
      if (year >= thisYear) throw new RowError('year', `A past report is of a year that is over: before ${thisYear}.`);
      const validatedAt = day(cells.validated_on ?? '', 'validated_on', ctx.today);
      const pair = `${pledgeId}:${year}`;
      const earlier = seenReports.get(pair);
      if (earlier) throw new RowError('year', `This pledge’s report of this year is at line ${earlier} already.`);
      seenReports.set(pair, line);
      if (reported.has(pair)) {
        record('reports', line, keyValue, 'unchanged');
        continue;
      }
      writes.reports.push({
        ...report,
        campaignId: campaigns.get(year) ?? null,
        status: 'validated',
        submittedAt: validatedAt,
        validatedAt,
        validatedByPersonId: ctx.actorPersonId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      record('reports', line, keyValue, 'new');
    } catch (error) {
      record('reports', line, keyValue, 'error', asRowError(error));
    }
  }
}
