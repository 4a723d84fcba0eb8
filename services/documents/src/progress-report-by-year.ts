import { formatCount, formatMass, formatShare, formatTonnes } from './formats.ts';
import { CONTENT_WIDTH, STYLE } from './page-style.ts';
import { drawProgressChart, PROGRESS_CHART_HEIGHT, trendAt } from './progress-charts.ts';
import { flowName, flowWords, type ProgressReportPage } from './progress-report-page.ts';

/** Achieved against the target, year by year: the bar chart with its trend line, then its figures. */
export function renderProgressByYear(page: ProgressReportPage): void {
  const doc = page.doc;
  const { byYear, target, trajectory } = page.data;
  const { t, language } = page;
  const mass = (tonnes: string | number) => formatMass(tonnes, language);
  const section = page.section();
  page.text(section, 'H2', t('progress_by_year_heading'), STYLE.heading, {
    gap: 6,
    keepWith: PROGRESS_CHART_HEIGHT + 10,
  });
  const first = byYear[0];
  const last = byYear.at(-1);
  const range = !first
    ? t('progress_by_year_alt_none')
    : last && last !== first
      ? t('progress_by_year_alt_from_to', {
          tonnes: mass(first.achievedTonnes),
          year: first.year,
          lastTonnes: mass(last.achievedTonnes),
          lastYear: last.year,
        })
      : t('progress_by_year_alt_from', { tonnes: mass(first.achievedTonnes), year: first.year });
  const alt = [
    t('progress_by_year_alt', {
      flow: flowWords(target.counts, language),
      range,
      target: mass(target.tonnes),
      year: target.year,
    }),
    trajectory
      ? t('progress_by_year_alt_trend', {
          year: target.year,
          tonnes: mass(trajectory.projectedTonnes),
          interval: trajectory.predictionIntervalTonnes ? ` (± ${mass(trajectory.predictionIntervalTonnes)})` : '',
        })
      : '',
    t('progress_alt_table'),
  ]
    .filter(Boolean)
    .join(' ');
  page.figure(section, PROGRESS_CHART_HEIGHT, alt, (box) =>
    drawProgressChart(doc, box, {
      byYear,
      targetTonnes: target.tonnes,
      targetYear: target.year,
      trajectory,
      language,
    }),
  );

  const rows = byYear.map((y) => [
    String(y.year),
    formatTonnes(y.achievedTonnes, language),
    formatShare(y.share, language),
    formatCount(y.reportCount, language),
    trajectory ? mass(trendAt(trajectory, y.year)) : '–',
  ]);
  if (trajectory && !byYear.some((y) => y.year === trajectory.targetYear)) {
    const interval = trajectory.predictionIntervalTonnes ? ` ± ${mass(trajectory.predictionIntervalTonnes)}` : '';
    rows.push([
      t('progress_target_year_row', { year: trajectory.targetYear }),
      '–',
      '–',
      '–',
      `${mass(trajectory.projectedTonnes)}${interval}`,
    ]);
  }
  page.caption(section, t('progress_by_year_caption', { tonnes: formatTonnes(target.tonnes, language) }));
  page.table(
    section,
    [
      { header: t('progress_col_year'), width: 107 },
      { header: t('progress_col_achieved', { flow: flowName(target.counts, language) }), width: 110, align: 'right' },
      { header: t('progress_col_share'), width: 75, align: 'right' },
      { header: t('progress_col_reports'), width: 75, align: 'right' },
      { header: t('progress_col_trend'), width: CONTENT_WIDTH - 367, align: 'right' },
    ],
    rows,
  );
  section.end();
  doc.y += 14;
}
