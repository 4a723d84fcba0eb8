import type { ProgressTrajectoryFigures } from './document-data.ts';
import { formatCount, formatMass, formatShare, formatTonnes } from './formats.ts';
import { STYLE } from './page-style.ts';
import type { ProgressReportPage } from './progress-report-page.ts';
import { addGroup } from './tagging.ts';

const CONFIDENCE: Record<ProgressTrajectoryFigures['confidence'], string> = {
  none: 'none (one reported year: no trend can be drawn)',
  low: 'low',
  medium: 'medium',
  high: 'high',
};

/** "Based on 6 years (2019–2024), the trend projects 6.10 Mt in 2025 (± 0.40 Mt): short by 3.90 Mt …" */
export function trajectoryInWords(trajectory: ProgressTrajectoryFigures | null): string {
  if (!trajectory) return 'No year has validated reports yet: there is no trend to draw.';
  const t = trajectory;
  const years = `${t.basedOnYears} ${t.basedOnYears === 1 ? 'year' : 'years'}`;
  const span = t.firstYear === t.lastYear ? `${t.firstYear}` : `${t.firstYear}–${t.lastYear}`;
  const interval =
    t.predictionIntervalTonnes === null
      ? ' (no interval: it needs three reported years or more)'
      : ` (± ${formatMass(t.predictionIntervalTonnes)}, a 95 % prediction interval)`;
  const verdict = t.isOnTrack
    ? `on track for the target of ${formatMass(t.targetTonnes)}`
    : `short by ${formatMass(t.shortfallTonnes)} of the target of ${formatMass(t.targetTonnes)}`;
  const basis = t.basedOnYears === 1 ? 'repeats that year’s figure,' : 'projects';
  return (
    `Based on ${years} (${span}), the least-squares trend ${basis} ${formatMass(t.projectedTonnes)} in ` +
    `${t.targetYear}${interval}: ${verdict}. Confidence: ${CONFIDENCE[t.confidence]}.`
  );
}

/** The summary: target, achieved, pledged supply and uptake, and the trajectory in words. */
export function renderSummary(page: ProgressReportPage): void {
  const { achieved, target, pledged, trajectory, year } = page.data;
  const section = page.section();
  page.text(section, 'H2', 'Summary', STYLE.heading, { gap: 6, keepWith: 60 });
  const list = addGroup(page.doc, section, 'L');
  page.item(
    list,
    'Target',
    `${formatTonnes(target.tonnes)} t of ${target.flow} a year by ${target.year} (${formatMass(target.tonnes)})`,
  );
  page.item(
    list,
    `Achieved in ${year}`,
    `${formatTonnes(achieved.achievedTonnes)} t (${formatMass(achieved.achievedTonnes)}), ` +
      `${formatShare(achieved.share)} of the target, from ${formatCount(achieved.reportCount)} validated ` +
      `${achieved.reportCount === 1 ? 'report' : 'reports'}`,
  );
  page.item(
    list,
    'Pledged supply',
    `${formatTonnes(pledged.supplyTonnes)} t a year (${formatMass(pledged.supplyTonnes)}), accepted pledges`,
  );
  page.item(
    list,
    'Pledged uptake',
    `${formatTonnes(pledged.uptakeTonnes)} t a year (${formatMass(pledged.uptakeTonnes)}), accepted pledges`,
  );
  page.item(list, 'Trajectory', trajectoryInWords(trajectory));
  list.end();
  section.end();
  page.doc.y += 8;
}
