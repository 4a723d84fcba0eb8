import type { ProgressTrajectoryFigures } from './document-data.ts';
import { formatCount, formatMass, formatShare, formatTonnes } from './formats.ts';
import { documentLocaleFor, documentMessages, documentPlurals } from './locales/index.ts';
import { STYLE } from './page-style.ts';
import { flowName, type ProgressReportPage } from './progress-report-page.ts';
import { addGroup } from './tagging.ts';

/**
 * "Based on 6 years (2019–2024), the trend projects 6.10 Mt in 2025 (± 0.40 Mt): short by 3.90 Mt …", in the
 * document's language.
 */
export function trajectoryInWords(trajectory: ProgressTrajectoryFigures | null, locale = 'en'): string {
  const language = documentLocaleFor(locale);
  const t = documentMessages(language);
  const plural = documentPlurals(language);
  if (!trajectory) return t('progress_trend_none');
  const tr = trajectory;
  const mass = (tonnes: string) => formatMass(tonnes, language);
  const years = plural('progress_trend_years', tr.basedOnYears, { count: formatCount(tr.basedOnYears, language) });
  const span = tr.firstYear === tr.lastYear ? `${tr.firstYear}` : `${tr.firstYear}–${tr.lastYear}`;
  const interval =
    tr.predictionIntervalTonnes === null
      ? t('progress_trend_no_interval')
      : t('progress_trend_interval', { interval: mass(tr.predictionIntervalTonnes) });
  const verdict = tr.isOnTrack
    ? t('progress_trend_on_track', { target: mass(tr.targetTonnes) })
    : t('progress_trend_short', { shortfall: mass(tr.shortfallTonnes), target: mass(tr.targetTonnes) });
  return plural('progress_trend_sentence', tr.basedOnYears, {
    years,
    span,
    projected: mass(tr.projectedTonnes),
    targetYear: tr.targetYear,
    interval,
    verdict,
    confidence: t(`progress_confidence_${tr.confidence}`),
  });
}

/** The summary: target, achieved, pledged supply and uptake, and the trajectory in words. */
export function renderSummary(page: ProgressReportPage): void {
  const { achieved, target, pledged, trajectory, year } = page.data;
  const { t, plural, language } = page;
  const tonnes = (value: string) => formatTonnes(value, language);
  const mass = (value: string) => formatMass(value, language);
  const section = page.section();
  page.text(section, 'H2', t('progress_summary_heading'), STYLE.heading, { gap: 6, keepWith: 60 });
  const list = addGroup(page.doc, section, 'L');
  page.item(
    list,
    t('progress_summary_target'),
    t('progress_summary_target_value', {
      tonnes: tonnes(target.tonnes),
      flow: flowName(target.counts, language),
      year: target.year,
      mass: mass(target.tonnes),
    }),
  );
  page.item(
    list,
    t('progress_summary_achieved', { year }),
    plural('progress_summary_achieved_value', achieved.reportCount, {
      tonnes: tonnes(achieved.achievedTonnes),
      mass: mass(achieved.achievedTonnes),
      share: formatShare(achieved.share, language),
      count: formatCount(achieved.reportCount, language),
    }),
  );
  page.item(
    list,
    t('progress_summary_supply'),
    t('progress_summary_pledged_value', { tonnes: tonnes(pledged.supplyTonnes), mass: mass(pledged.supplyTonnes) }),
  );
  page.item(
    list,
    t('progress_summary_uptake'),
    t('progress_summary_pledged_value', { tonnes: tonnes(pledged.uptakeTonnes), mass: mass(pledged.uptakeTonnes) }),
  );
  page.item(list, t('progress_summary_trajectory'), trajectoryInWords(trajectory, language));
  list.end();
  section.end();
  page.doc.y += 8;
}
