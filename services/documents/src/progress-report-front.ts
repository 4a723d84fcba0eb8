import { formatMass, isoDate } from './formats.ts';
import { COLOR, STYLE } from './page-style.ts';
import { flowWords, type ProgressReportPage } from './progress-report-page.ts';

/** The head of the first page: the alliance, the title, the target and when the figures were read. */
export function renderFront(page: ProgressReportPage): void {
  const { alliance, target, year, generatedAt } = page.data;
  const { t, language } = page;
  page.text(page.root, 'P', alliance.name, STYLE.eyebrow, { gap: 6 });
  page.text(page.root, 'H1', t('progress_heading', { year }), STYLE.title, { gap: 6 });
  const baseline = target.baselineTonnes
    ? t('progress_baseline', { tonnes: formatMass(target.baselineTonnes, language), year: target.baselineYear })
    : t('progress_baseline_year', { year: target.baselineYear });
  const toward = t('progress_toward', {
    target: formatMass(target.tonnes, language),
    flow: flowWords(target.counts, language),
    year: target.year,
  });
  page.text(page.root, 'P', `${toward} ${baseline}`, { ...STYLE.body, color: COLOR.muted }, { gap: 4 });
  page.text(
    page.root,
    'P',
    t('progress_generated', { date: isoDate(generatedAt) }),
    { ...STYLE.body, color: COLOR.muted },
    { gap: 14 },
  );
}
