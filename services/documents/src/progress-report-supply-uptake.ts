import { formatMass, formatTonnes } from './formats.ts';
import { COLOR, CONTENT_WIDTH, STYLE } from './page-style.ts';
import { drawGapChart, gapChartHeight } from './progress-charts.ts';
import type { ProgressReportPage } from './progress-report-page.ts';

/** Supply and uptake pledged, by polymer: where recycled material would find no buyer in the alliance. */
export function renderSupplyAndUptake(page: ProgressReportPage): void {
  const doc = page.doc;
  const gaps = page.data.supplyUptakeGap;
  const { t, plural, language } = page;
  const section = page.section();
  const height = gapChartHeight(gaps.length);
  page.text(section, 'H2', t('progress_gap_heading'), STYLE.heading, {
    gap: 4,
    keepWith: height + 40,
  });
  page.text(section, 'P', t('progress_gap_intro'), { ...STYLE.body, color: COLOR.muted }, { gap: 6 });
  if (gaps.length === 0) {
    page.text(section, 'P', t('progress_gap_none'), STYLE.body, { gap: 8 });
    section.end();
    return;
  }
  const surplus = gaps.filter((g) => !g.gapTonnes.startsWith('-') && Number(g.gapTonnes) > 0);
  const shortfall = gaps.filter((g) => g.gapTonnes.startsWith('-'));
  const most = (list: typeof gaps, sign: 1 | -1) =>
    [...list].sort((a, b) => sign * (Number(b.gapTonnes) - Number(a.gapTonnes)))[0];
  const biggestSurplus = most(surplus, 1);
  const biggestShortfall = most(shortfall, -1);
  const alt = [
    plural('progress_gap_alt', gaps.length, { count: gaps.length }),
    biggestSurplus
      ? t('progress_gap_alt_surplus', {
          polymer: biggestSurplus.polymer,
          tonnes: formatMass(biggestSurplus.gapTonnes, language),
        })
      : t('progress_gap_alt_no_surplus'),
    biggestShortfall
      ? t('progress_gap_alt_shortfall', {
          polymer: biggestShortfall.polymer,
          tonnes: formatMass(biggestShortfall.gapTonnes.slice(1), language),
        })
      : '',
    t('progress_alt_table'),
  ]
    .filter(Boolean)
    .join(' ');
  page.figure(section, height, alt, (box) => drawGapChart(doc, box, gaps, language));
  page.caption(section, t('progress_gap_caption'));
  const tonnes = (value: string) => formatTonnes(value, language);
  page.table(
    section,
    [
      { header: t('progress_col_polymer'), width: 97 },
      { header: t('progress_col_supply_year'), width: 125, align: 'right' },
      { header: t('progress_col_uptake_year'), width: 125, align: 'right' },
      { header: t('progress_col_gap'), width: CONTENT_WIDTH - 347, align: 'right' },
    ],
    gaps.map((g) => [g.polymer, tonnes(g.supplyTonnes), tonnes(g.uptakeTonnes), tonnes(g.gapTonnes)]),
  );
  section.end();
  doc.y += 14;
}
