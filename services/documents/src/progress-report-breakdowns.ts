import { formatCount, formatTonnes } from './formats.ts';
import { COLOR, CONTENT_WIDTH, STYLE } from './page-style.ts';
import { flowName, type ProgressReportPage } from './progress-report-page.ts';
import { addGroup } from './tagging.ts';

/** Pledges and achievements by dimension: one table a dimension, supply and uptake side by side. */
export function renderBreakdowns(page: ProgressReportPage): void {
  const doc = page.doc;
  const { breakdowns, year, target } = page.data;
  const { t, language } = page;
  const tonnes = (value: string) => formatTonnes(value, language);
  const section = page.section();
  // Kept with its introduction, the first table's heading, header and first rows.
  page.text(section, 'H2', t('progress_breakdowns_heading'), STYLE.heading, { gap: 4, keepWith: 150 });
  page.text(
    section,
    'P',
    t('progress_breakdowns_intro', { year, flow: flowName(target.flow, language) }),
    { ...STYLE.body, color: COLOR.muted },
    { gap: 8 },
  );
  for (const breakdown of breakdowns) {
    const part = addGroup(doc, section, 'Sect');
    page.text(part, 'H3', t(`progress_by_${breakdown.dimension}`), STYLE.subheading, { gap: 4, keepWith: 50 });
    page.table(
      part,
      [
        { header: t(`progress_dimension_${breakdown.dimension}`), width: 95 },
        // Wide enough for "Pledges" on one line beside four tonnes columns.
        { header: t('progress_col_pledges'), width: 52, align: 'right' },
        { header: t('progress_col_supply_pledged'), width: 80, align: 'right' },
        { header: t('progress_col_uptake_pledged'), width: 80, align: 'right' },
        { header: t('progress_col_supply_achieved', { year }), width: 80, align: 'right' },
        { header: t('progress_col_uptake_achieved', { year }), width: CONTENT_WIDTH - 387, align: 'right' },
      ],
      breakdown.rows.map((r) => [
        r.label,
        formatCount(r.pledgeCount, language),
        tonnes(r.supplyTonnes),
        tonnes(r.uptakeTonnes),
        tonnes(r.achievedSupplyTonnes),
        tonnes(r.achievedUptakeTonnes),
      ]),
    );
    part.end();
    doc.y += 12;
  }
  section.end();
}
