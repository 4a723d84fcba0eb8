import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { type Database, readAuditLogHead, schema } from '@concord/db';
import {
  documentLocaleFor,
  type ProgressBreakdown,
  type ProgressBreakdownDimension,
  type ProgressReportData,
  progressLabels,
  progressReportTitle,
  renderProgressReport,
} from '@concord/documents';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { verificationUrl } from '../document/document.service.ts';
import {
  type BreakdownDimension,
  type BreakdownRow,
  computeBreakdown,
  computeProgress,
  computeSupplyUptakeGap,
} from '../progress/progress.service.ts';
import { fitTrajectory } from '../progress/trajectory.ts';

const { document, workingGroup } = schema;

/**
 * Bumped when the layout changes, so that the same figures are rendered again in the new layout instead of
 * being served from a copy made by the old one. 2: rounded tonnes as the portal shows them ("10 Mt"). 3: the
 * audit log's head at issue on every page. 4: in the reader's language (the language is among the figures, so
 * each language has its copy).
 */
const LAYOUT_VERSION = 4;

/** The breakdowns in the order the report shows them; the document names each in its language. */
const DIMENSIONS: readonly ProgressBreakdownDimension[] = [
  'polymer',
  'sector',
  'working_group',
  'country',
  'organisation_kind',
];

export type IssuedProgressReport =
  | { document: schema.Document }
  /** The year has no validated report: there is nothing to report on. */
  | { document: null; reportedYears: number[] };

/**
 * The progress report of an alliance for one year, from the current figures, in the reader's language (one of
 * `documentLocales`; English without one). The same figures in the same language (and layout) are served from
 * the stored copy; any change in them (a report validated, a pledge withdrawn) renders and registers a new one.
 */
export async function issueProgressReport({
  db,
  config,
  allianceRow,
  year,
  readerLanguage,
  now = new Date(),
}: {
  db: Database;
  config: Config;
  allianceRow: schema.Alliance;
  year: number;
  readerLanguage?: string | undefined;
  now?: Date;
}): Promise<IssuedProgressReport> {
  const language = documentLocaleFor(readerLanguage ?? 'en');
  const figures = await gatherFigures(db, config, allianceRow, year, language);
  if (!figures) {
    const { byYear } = await computeProgress(db, allianceRow);
    return { document: null, reportedYears: byYear.map((y) => y.year) };
  }
  // The figures themselves are the state: hashing them catches every change that would alter the document.
  const sourceKey = `${year}:${createHash('sha256')
    .update(JSON.stringify({ layout: LAYOUT_VERSION, figures }))
    .digest('hex')}`;
  const stored = await findBySource(db, allianceRow.id, sourceKey);
  if (stored) return { document: stored };

  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  // The head when this copy is issued; a copy served again later keeps the head it was issued at.
  const data: ProgressReportData = { ...figures, generatedAt: now, auditLogHead: await readAuditLogHead(db) };
  const { sha256, byteSize } = await renderProgressReport(data, output);
  const [issued] = await db
    .insert(document)
    .values({
      allianceId: allianceRow.id,
      kind: 'progress_report',
      title: progressReportTitle(data),
      sha256,
      byteSize,
      content: Buffer.concat(chunks),
      filename: `progress-report-${allianceRow.slug}-${year}${language === 'en' ? '' : `-${language}`}.pdf`,
      language: data.language,
      sourceKey,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (issued) return { document: issued };
  // Another request rendered the same figures at the same moment: serve theirs.
  const theirs = await findBySource(db, allianceRow.id, sourceKey);
  if (!theirs) throw new Error(`progress report ${sourceKey} was neither inserted nor found`);
  return { document: theirs };
}

async function findBySource(db: Database, allianceId: string, sourceKey: string): Promise<schema.Document | null> {
  const [row] = await db
    .select()
    .from(document)
    .where(
      and(eq(document.allianceId, allianceId), eq(document.kind, 'progress_report'), eq(document.sourceKey, sourceKey)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Everything the report shows but the moment it was generated, from the progress service: the year's
 * figures, the years up to it and the trajectory fitted on them (what the report would have said at the
 * end of that year's reporting), pledged totals, the supply–uptake gap and the breakdowns. Null when the
 * year has no validated report.
 */
async function gatherFigures(
  db: Database,
  config: Config,
  allianceRow: schema.Alliance,
  year: number,
  language: string,
): Promise<Omit<ProgressReportData, 'generatedAt' | 'auditLogHead'> | null> {
  const progress = await computeProgress(db, allianceRow);
  const achieved = progress.byYear.find((y) => y.year === year);
  if (!achieved) return null;
  const byYear = progress.byYear.filter((y) => y.year <= year);
  const [gap, groups, ...breakdowns] = await Promise.all([
    computeSupplyUptakeGap(db, allianceRow.id),
    db
      .select({ slug: workingGroup.slug, name: workingGroup.name })
      .from(workingGroup)
      .where(eq(workingGroup.allianceId, allianceRow.id)),
    ...DIMENSIONS.map((by) =>
      computeBreakdown(db, { allianceId: allianceRow.id, countedFlow: achieved.countedFlow }, by, year),
    ),
  ]);
  const groupNames = new Map(groups.map((g) => [g.slug, g.name]));
  const labels = progressLabels(language);
  const label = (by: BreakdownDimension, key: string): string => {
    switch (by) {
      case 'sector':
        return labels.sector(key);
      case 'organisation_kind':
        return labels.organisationKind(key);
      case 'country':
        return labels.country(key);
      case 'working_group':
        return key === 'NONE' ? labels.noWorkingGroup : (groupNames.get(key) ?? key);
      default:
        return key;
    }
  };
  const toBreakdown = (by: ProgressBreakdownDimension, rows: BreakdownRow[]): ProgressBreakdown => ({
    dimension: by,
    rows: rows.map((r) => ({
      label: label(by, r.key),
      pledgeCount: r.pledgeCount,
      supplyTonnes: r.supplyTonnes,
      uptakeTonnes: r.uptakeTonnes,
      achievedSupplyTonnes: r.achievedSupplyTonnes,
      achievedUptakeTonnes: r.achievedUptakeTonnes,
    })),
  });

  return {
    alliance: { name: allianceRow.name },
    year,
    target: {
      tonnes: allianceRow.targetTonnes,
      year: allianceRow.targetYear,
      counts: allianceRow.targetFlow,
      // The flow counted in the report's year: a target of both counts the year's lesser (progress/counted-flow.ts).
      flow: achieved.countedFlow,
      baselineYear: allianceRow.baselineYear,
      baselineTonnes: allianceRow.baselineTonnes,
    },
    achieved,
    pledged: { supplyTonnes: progress.pledgedSupplyTonnes, uptakeTonnes: progress.pledgedUptakeTonnes },
    byYear,
    trajectory: fitTrajectory(
      byYear.map((y) => ({ year: y.year, tonnes: y.achievedTonnes })),
      allianceRow.targetYear,
      allianceRow.targetTonnes,
    ),
    supplyUptakeGap: gap,
    breakdowns: DIMENSIONS.map((dimension, i) => toBreakdown(dimension, breakdowns[i] ?? [])),
    verificationUrl: verificationUrl(config),
    language,
  };
}
