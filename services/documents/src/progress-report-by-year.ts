import { formatCount, formatMass, formatShare, formatTonnes } from './formats.ts';
import { CONTENT_WIDTH, STYLE } from './page-style.ts';
import { drawProgressChart, PROGRESS_CHART_HEIGHT, trendAt } from './progress-charts.ts';
import { flowWords, type ProgressReportPage } from './progress-report-page.ts';

/** Achieved against the target, year by year: the bar chart with its trend line, then its figures. */
export function renderProgressByYear(page: ProgressReportPage): void {
  const doc = page.doc;
  const { byYear, target, trajectory } = page.data;
  const section = page.section();
  page.text(section, 'H2', 'Achieved against the target, year by year', STYLE.heading, {
    gap: 6,
    keepWith: PROGRESS_CHART_HEIGHT + 10,
  });
  const first = byYear[0];
  const last = byYear.at(-1);
  const alt =
    `Bar chart of the tonnes of recycled plastics ${flowWords(target.flow)} each year according to validated ` +
    `reports, ${first ? `from ${formatMass(first.achievedTonnes)} in ${first.year}` : 'with no year yet'}` +
    `${last && last !== first ? ` to ${formatMass(last.achievedTonnes)} in ${last.year}` : ''}` +
    `, against the target of ${formatMass(target.tonnes)} in ${target.year}, drawn as a dashed line. ` +
    (trajectory
      ? `A least-squares trend line runs to ${target.year}, where it reaches ${formatMass(trajectory.projectedTonnes)}` +
        `${trajectory.predictionIntervalTonnes ? ` (± ${formatMass(trajectory.predictionIntervalTonnes)})` : ''}. `
      : '') +
    'The table after the chart gives the same figures.';
  page.figure(section, PROGRESS_CHART_HEIGHT, alt, (box) =>
    drawProgressChart(doc, box, {
      byYear,
      targetTonnes: target.tonnes,
      targetYear: target.year,
      trajectory,
    }),
  );

  const rows = byYear.map((y) => [
    String(y.year),
    formatTonnes(y.achievedTonnes),
    formatShare(y.share),
    formatCount(y.reportCount),
    trajectory ? formatMass(trendAt(trajectory, y.year)) : '–',
  ]);
  if (trajectory && !byYear.some((y) => y.year === trajectory.targetYear)) {
    const interval = trajectory.predictionIntervalTonnes ? ` ± ${formatMass(trajectory.predictionIntervalTonnes)}` : '';
    rows.push([
      `${trajectory.targetYear} (target year)`,
      '–',
      '–',
      '–',
      `${formatMass(trajectory.projectedTonnes)}${interval}`,
    ]);
  }
  page.caption(
    section,
    `The figures of the chart. Share: achieved tonnes divided by the target of ${formatTonnes(target.tonnes)} t. ` +
      'Trend: the least-squares line read at each year.',
  );
  page.table(
    section,
    [
      { header: 'Year', width: 107 },
      { header: `Achieved (t, ${target.flow})`, width: 110, align: 'right' },
      { header: 'Share of target', width: 75, align: 'right' },
      { header: 'Validated reports', width: 75, align: 'right' },
      { header: 'Trend', width: CONTENT_WIDTH - 367, align: 'right' },
    ],
    rows,
  );
  section.end();
  doc.y += 14;
}
