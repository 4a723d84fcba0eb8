import { formatCount, formatTonnes } from './formats.ts';
import { COLOR, CONTENT_WIDTH, STYLE } from './page-style.ts';
import type { ProgressReportPage } from './progress-report-page.ts';
import { addGroup } from './tagging.ts';

/** Pledges and achievements by dimension: one table a dimension, supply and uptake side by side. */
export function renderBreakdowns(page: ProgressReportPage): void {
  const doc = page.doc;
  const { breakdowns, year, target } = page.data;
  const section = page.section();
  // Kept with its introduction, the first table's heading, header and first rows.
  page.text(section, 'H2', 'Pledges and achievements by dimension', STYLE.heading, { gap: 4, keepWith: 150 });
  page.text(
    section,
    'P',
    `Accepted pledges (tonnes a year) and what their validated reports achieved in ${year}, supply and ` +
      'uptake side by side, grouped one dimension at a time. Each table adds up to the same totals, and its ' +
      `achieved ${target.flow} column to the achieved figure above.`,
    { ...STYLE.body, color: COLOR.muted },
    { gap: 8 },
  );
  for (const breakdown of breakdowns) {
    const part = addGroup(doc, section, 'Sect');
    page.text(part, 'H3', `By ${breakdown.dimension.toLowerCase()}`, STYLE.subheading, { gap: 4, keepWith: 50 });
    page.table(
      part,
      [
        { header: breakdown.dimension, width: 95 },
        // Wide enough for "Pledges" on one line beside four tonnes columns.
        { header: 'Pledges', width: 52, align: 'right' },
        { header: 'Supply pledged (t a year)', width: 80, align: 'right' },
        { header: 'Uptake pledged (t a year)', width: 80, align: 'right' },
        { header: `Supply achieved in ${year} (t)`, width: 80, align: 'right' },
        { header: `Uptake achieved in ${year} (t)`, width: CONTENT_WIDTH - 387, align: 'right' },
      ],
      breakdown.rows.map((r) => [
        r.label,
        formatCount(r.pledgeCount),
        formatTonnes(r.supplyTonnes),
        formatTonnes(r.uptakeTonnes),
        formatTonnes(r.achievedSupplyTonnes),
        formatTonnes(r.achievedUptakeTonnes),
      ]),
    );
    part.end();
    doc.y += 12;
  }
  section.end();
}
