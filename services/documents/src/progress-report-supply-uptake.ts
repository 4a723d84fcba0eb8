import { formatMass, formatTonnes } from './formats.ts';
import { COLOR, CONTENT_WIDTH, STYLE } from './page-style.ts';
import { drawGapChart, gapChartHeight } from './progress-charts.ts';
import type { ProgressReportPage } from './progress-report-page.ts';

/** Supply and uptake pledged, by polymer: where recycled material would find no buyer in the alliance. */
export function renderSupplyAndUptake(page: ProgressReportPage): void {
  const doc = page.doc;
  const gaps = page.data.supplyUptakeGap;
  const section = page.section();
  const height = gapChartHeight(gaps.length);
  page.text(section, 'H2', 'Supply and uptake pledged, by polymer', STYLE.heading, {
    gap: 4,
    keepWith: height + 40,
  });
  page.text(
    section,
    'P',
    'Where supply pledged exceeds uptake pledged, recycled material would find no buyer in the alliance: ' +
      'that is where demand must grow.',
    { ...STYLE.body, color: COLOR.muted },
    { gap: 6 },
  );
  if (gaps.length === 0) {
    page.text(section, 'P', 'No pledge has been accepted yet.', STYLE.body, { gap: 8 });
    section.end();
    return;
  }
  const surplus = gaps.filter((g) => !g.gapTonnes.startsWith('-') && Number(g.gapTonnes) > 0);
  const shortfall = gaps.filter((g) => g.gapTonnes.startsWith('-'));
  const most = (list: typeof gaps, sign: 1 | -1) =>
    [...list].sort((a, b) => sign * (Number(b.gapTonnes) - Number(a.gapTonnes)))[0];
  const biggestSurplus = most(surplus, 1);
  const biggestShortfall = most(shortfall, -1);
  const alt =
    `Paired horizontal bar chart of the tonnes a year pledged for supply and for uptake, for each of ` +
    `${gaps.length} ${gaps.length === 1 ? 'polymer' : 'polymers'}. ` +
    (biggestSurplus
      ? `Supply exceeds uptake most for ${biggestSurplus.polymer}, by ${formatMass(biggestSurplus.gapTonnes)}. `
      : 'Supply exceeds uptake for no polymer. ') +
    (biggestShortfall
      ? `Uptake exceeds supply most for ${biggestShortfall.polymer}, by ${formatMass(biggestShortfall.gapTonnes.slice(1))}. `
      : '') +
    'The table after the chart gives the same figures.';
  page.figure(section, height, alt, (box) => drawGapChart(doc, box, gaps));
  page.caption(section, 'The figures of the chart, in tonnes a year. Gap: supply minus uptake.');
  page.table(
    section,
    [
      { header: 'Polymer', width: 97 },
      { header: 'Supply (t a year)', width: 125, align: 'right' },
      { header: 'Uptake (t a year)', width: 125, align: 'right' },
      { header: 'Gap (t a year)', width: CONTENT_WIDTH - 347, align: 'right' },
    ],
    gaps.map((g) => [g.polymer, formatTonnes(g.supplyTonnes), formatTonnes(g.uptakeTonnes), formatTonnes(g.gapTonnes)]),
  );
  section.end();
  doc.y += 14;
}
