import { formatMass, isoDate } from './formats.ts';
import { COLOR, STYLE } from './page-style.ts';
import { flowWords, type ProgressReportPage } from './progress-report-page.ts';

/** The head of the first page: the alliance, the title, the target and when the figures were read. */
export function renderFront(page: ProgressReportPage): void {
  const { alliance, target, year, generatedAt } = page.data;
  page.text(page.root, 'P', alliance.name, STYLE.eyebrow, { gap: 6 });
  page.text(page.root, 'H1', `Progress report ${year}`, STYLE.title, { gap: 6 });
  const baseline = target.baselineTonnes
    ? ` Baseline: ${formatMass(target.baselineTonnes)} in ${target.baselineYear}.`
    : ` Baseline year: ${target.baselineYear}.`;
  page.text(
    page.root,
    'P',
    `Toward ${formatMass(target.tonnes)} of recycled plastics ${flowWords(target.flow)} every year by ` +
      `${target.year}.${baseline}`,
    { ...STYLE.body, color: COLOR.muted },
    { gap: 4 },
  );
  page.text(
    page.root,
    'P',
    `Generated on ${isoDate(generatedAt)} (UTC) from the figures in the register at that moment.`,
    { ...STYLE.body, color: COLOR.muted },
    { gap: 14 },
  );
}
