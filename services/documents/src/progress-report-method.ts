import { formatMass } from './formats.ts';
import { STYLE } from './page-style.ts';
import { flowName, type ProgressReportPage } from './progress-report-page.ts';

/** How the figures are made: what counts as achieved and pledged, exactness, the trend and its interval. */
export function renderMethod(page: ProgressReportPage): void {
  const { target, year, trajectory } = page.data;
  const { t, language } = page;
  const section = page.section();
  page.text(section, 'H2', t('progress_method_heading'), STYLE.heading, { gap: 6, keepWith: 60 });
  // Ragged right: justified text opens gaps that make lines harder to follow (WCAG 1.4.8).
  const note = (text: string) => page.text(section, 'P', text, STYLE.body, { gap: 6 });
  note(t('progress_method_achieved', { flow: flowName(target.flow, language) }));
  // A target of both: which of the two counted this year, and why not their sum (progress/counted-flow.ts in the API).
  if (target.counts === 'both') note(t('progress_method_both', { year, flow: flowName(target.flow, language) }));
  note(t('progress_method_pledged'));
  note(t('progress_method_exact'));
  const slope = trajectory?.slopeTonnesPerYear;
  const slopeInWords =
    slope === undefined
      ? ''
      : /^-?0(\.0*)?$/.test(slope)
        ? t('progress_slope_flat')
        : slope.startsWith('-')
          ? t('progress_slope_falls', { tonnes: formatMass(slope.slice(1), language) })
          : t('progress_slope_rises', { tonnes: formatMass(slope, language) });
  note([t('progress_method_trend', { year, targetYear: target.year }), slopeInWords].filter(Boolean).join(' '));
  note(t('progress_method_interval'));
  section.end();
}
