import { isOrganisationKind } from '$lib/domain';
import { type TonnesPatterns, tonnesParts } from '$lib/format';
import type {
  ApplicationSector,
  PledgeKind,
  Polymer,
  ProgressReportStatus,
  ReportingStatus,
  TrajectoryConfidence,
} from '$lib/graphql/operations.generated';
import * as t from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { BreakdownDimension } from '$lib/progress-filter';
import { formatTonnesIn, type TrajectoryFigures, trajectoryWords } from '$lib/progress-format';

/**
 * Words for the values of progress and reporting, in the reader's language. The Records make a new enum
 * value in the schema a type error here, not a raw code on a page.
 */

const kindLabels: Record<PledgeKind, () => string> = {
  SUPPLY: m.progress_kind_supply,
  UPTAKE: m.progress_kind_uptake,
};

const sectorLabels: Record<ApplicationSector, () => string> = {
  PACKAGING: m.progress_sector_packaging,
  CONSTRUCTION: m.progress_sector_construction,
  AUTOMOTIVE: m.progress_sector_automotive,
  ELECTRICAL_ELECTRONIC: m.progress_sector_electrical_electronic,
  AGRICULTURE: m.progress_sector_agriculture,
  HOUSEHOLD_GOODS: m.progress_sector_household_goods,
  TEXTILES: m.progress_sector_textiles,
  OTHER: m.progress_sector_other,
};

const confidenceLabels: Record<TrajectoryConfidence, () => string> = {
  NONE: m.progress_confidence_none,
  LOW: m.progress_confidence_low,
  MEDIUM: m.progress_confidence_medium,
  HIGH: m.progress_confidence_high,
};

const reportingStatusLabels: Record<ReportingStatus, () => string> = {
  NEW: m.reporting_status_new,
  ACTIVE: m.reporting_status_active,
  NOT_REPORTING: m.reporting_status_not_reporting,
  INACTIVE: m.reporting_status_inactive,
};

const reportingStatusHints: Record<ReportingStatus, () => string> = {
  NEW: m.reporting_status_new_hint,
  ACTIVE: m.reporting_status_active_hint,
  NOT_REPORTING: m.reporting_status_not_reporting_hint,
  INACTIVE: m.reporting_status_inactive_hint,
};

const reportStatusLabels: Record<ProgressReportStatus, () => string> = {
  SUBMITTED: m.reporting_report_submitted,
  VALIDATED: m.reporting_report_validated,
  QUERIED: m.reporting_report_queried,
};

export const pledgeKind = (kind: PledgeKind) => kindLabels[kind]();
/** Polymers go by their international abbreviations (PET, PP); only "other" is a word. */
export const polymer = (value: Polymer) => (value === 'OTHER' ? m.progress_polymer_other() : value);
export const sector = (value: ApplicationSector) => sectorLabels[value]();
export const confidence = (value: TrajectoryConfidence) => confidenceLabels[value]();
export const reportingStatus = (value: ReportingStatus) => reportingStatusLabels[value]();
export const reportingStatusHint = (value: ReportingStatus) => reportingStatusHints[value]();
export const reportStatus = (value: ProgressReportStatus) => reportStatusLabels[value]();

/** "Supply · PET · Packaging": what a pledge is about, in a few words. */
export const pledgeSummary = (pledge: { kind: PledgeKind; polymer: Polymer; sector: ApplicationSector }) =>
  m.progress_pledge_summary({
    kind: pledgeKind(pledge.kind),
    polymer: polymer(pledge.polymer),
    sector: sector(pledge.sector),
  });

const isKey = <T extends string>(labels: Record<T, unknown>, key: string): key is T => Object.hasOwn(labels, key);

/** A breakdown row's key in words: a sector's name, a working group's name, a country's name. */
export function breakdownKey(
  dimension: BreakdownDimension,
  key: string,
  workingGroupName: (slug: string) => string | undefined,
): string {
  switch (dimension) {
    case 'KIND':
      return isKey(kindLabels, key) ? pledgeKind(key) : key;
    case 'POLYMER':
      return key === 'OTHER' ? m.progress_polymer_other() : key;
    case 'SECTOR':
      return isKey(sectorLabels, key) ? sector(key) : key;
    case 'WORKING_GROUP':
      return key === 'NONE' ? m.progress_no_working_group() : (workingGroupName(key) ?? key);
    case 'COUNTRY':
      return key === 'NONE' ? m.progress_no_country() : t.country(key);
    case 'ORGANISATION_KIND':
      return isOrganisationKind(key) ? t.organisationKind(key) : key;
  }
}

/** A projection and its uncertainty in one unit: "6.11 Mt ± 0.32 Mt". */
export function tonnesWithInterval(tonnes: string, interval: string): string {
  const { unit } = tonnesParts(tonnes);
  return m.progress_projection_value({
    tonnes: formatTonnesIn(tonnes, unit, getLocale(), tonnesPatterns),
    interval: formatTonnesIn(interval, unit, getLocale(), tonnesPatterns),
  });
}

/** The tonnes patterns of the catalogue, for the formatters of progress-format.ts. */
export const tonnesPatterns: TonnesPatterns = {
  t: (value) => m.tonnes_t({ value }),
  kt: (value) => m.tonnes_kt({ value }),
  Mt: (value) => m.tonnes_mt({ value }),
};

/**
 * The trend in one sentence with its uncertainty, as a reader wants it: "Based on 6 reported years, the trend
 * projects 6.11 Mt in 2025 (± 0.32 Mt): 3.89 Mt short of the target. Confidence: high."
 */
export function trajectorySentence(
  trajectory: TrajectoryFigures | null,
  byYear: readonly { year: number; achievedTonnes: string }[],
): string {
  const words = trajectoryWords(trajectory, byYear, getLocale(), tonnesPatterns);
  switch (words.kind) {
    case 'none':
      return m.progress_trajectory_none();
    case 'single':
      return m.progress_trajectory_single({ year: words.year, achieved: words.achieved });
    case 'short':
    case 'onTrack': {
      const values = {
        years: words.years,
        projected: words.projected,
        targetYear: words.targetYear,
        shortfall: words.shortfall,
        confidence: confidence(words.confidence),
      };
      if (words.kind === 'short') {
        return words.interval === null
          ? m.progress_trajectory_short_no_interval(values)
          : m.progress_trajectory_short({ ...values, interval: words.interval });
      }
      return words.interval === null
        ? m.progress_trajectory_on_track_no_interval(values)
        : m.progress_trajectory_on_track({ ...values, interval: words.interval });
    }
  }
}
