import type { NewProgressReport, PledgeKind, ProgressReportStatus, reportingCampaign } from '../schema/index.ts';
import type { DemoPledge } from './pledges.ts';
import { addDays, addMinutes, between, type IdMaker, type Random, utc } from './random.ts';
import { AS_OF } from './timeline.ts';
import type { Kg } from './tonnes.ts';
import { kgToTonnes } from './tonnes.ts';

export const REPORTING_YEARS = [2019, 2020, 2021, 2022, 2023, 2024] as const;

/**
 * What the validated reports of each year add up to, in tonnes: uptake grows from ~2.0 Mt (2019) to ~5.5 Mt
 * (2024) toward the 10 Mt target, so the demo shows an alliance that is progressing but not on track.
 */
const ACHIEVED: Readonly<Record<PledgeKind, readonly number[]>> = {
  uptake: [2_013_400, 2_587_900, 3_262_300, 3_918_600, 4_731_200, 5_486_700],
  supply: [2_912_800, 3_634_100, 4_488_500, 5_417_900, 6_523_600, 7_588_300],
};

/** A pledge reaches its level over a few years: the share of its own pace by years since acceptance. */
const RAMP = [0.55, 0.7, 0.82, 0.9, 0.95, 1];

const AUDITORS = [
  'Veritrace Audit GmbH',
  'Norvale Certification B.V.',
  'Quintara Conformity S.r.l.',
  'Audelis Inspection SAS',
  'Kestrow Assurance Ltd',
  'Halvik Certifiering AB',
];

type Scheme = 'RecyClass' | 'EuCertPlast' | 'EN 15343';
const SCHEMES: Readonly<Record<PledgeKind, readonly [readonly Scheme[], readonly number[]]>> = {
  supply: [
    ['EuCertPlast', 'EN 15343', 'RecyClass'],
    [55, 30, 15],
  ],
  uptake: [
    ['RecyClass', 'EN 15343', 'EuCertPlast'],
    [50, 40, 10],
  ],
};

export type CampaignRow = typeof reportingCampaign.$inferInsert & { id: string; year: number };

export function buildCampaigns(ids: IdMaker, allianceId: string): CampaignRow[] {
  return REPORTING_YEARS.map((year) => {
    const createdAt = utc(`${year + 1}-01-15T09:00:00Z`);
    return {
      id: ids.at(createdAt),
      allianceId,
      year,
      opensOn: `${year + 1}-02-01`,
      deadline: `${year + 1}-03-31`,
      reminderDays: [30, 7, 1],
      createdAt,
      updatedAt: createdAt,
    };
  });
}

interface Draft {
  pledge: DemoPledge;
  year: number;
  raw: number;
  status: ProgressReportStatus;
}

export function buildProgressReports(
  random: Random,
  ids: IdMaker,
  pledges: readonly DemoPledge[],
  campaigns: readonly CampaignRow[],
): NewProgressReport[] {
  const drafts: Draft[] = [];
  for (const pledge of pledges) {
    if (pledge.row.status !== 'accepted' || !pledge.row.decidedAt) continue;
    // Each pledge keeps its own pace: some deliver more than they pledged, some less.
    const pace = 0.8 + random.next() * 0.35;
    const firstYear = Math.max(2019, pledge.row.decidedAt.getUTCFullYear());
    for (const year of REPORTING_YEARS) {
      if (year < firstYear) continue;
      const raw = Number(pledge.kg) * pace * (RAMP[year - firstYear] ?? 1);
      const status = reportStatus(random, year, pledge.kg);
      drafts.push({ pledge, year, raw, status });
    }
  }
  const kgOf = scaleToTargets(drafts);
  const auditorOf = new Map<string, string>();
  const campaignOf = new Map(campaigns.map((c) => [c.year, c.id]));
  return drafts.map((draft, i): NewProgressReport => {
    const { pledge, year, status } = draft;
    const orgId = pledge.row.organisationId;
    const auditor = auditorOf.get(orgId) ?? random.pick(AUDITORS);
    auditorOf.set(orgId, auditor);
    const withEvidence = status === 'validated' ? random.chance(0.95) : random.chance(0.6);
    const [schemes, weights] = SCHEMES[pledge.row.kind];
    const scheme = random.weighted(schemes, weights);
    const submittedAt = submissionDate(random, year);
    const validatedAt = status === 'validated' ? validationDate(random, submittedAt) : null;
    return {
      id: ids.at(submittedAt),
      pledgeId: pledge.row.id,
      campaignId: campaignOf.get(year) ?? null,
      year,
      tonnesAchieved: kgToTonnes(kgOf[i] ?? 0n),
      status,
      evidenceScheme: withEvidence ? scheme : null,
      certificateNumber: withEvidence ? certificateNumber(random, scheme, year, pledge.organisation.row.country) : null,
      auditor: withEvidence ? auditor : null,
      submittedAt,
      validatedAt,
      queryQuestion: status === 'queried' ? 'Please attach the audit certificate that covers these tonnes.' : null,
      queriedAt: status === 'queried' ? submittedAt : null,
      createdAt: submittedAt,
      updatedAt: validatedAt ?? submittedAt,
    };
  });
}

/**
 * The 2024 campaign is still open: some reports wait for validation and a few were queried. Those are small
 * pledges' reports; the big ones (associations, large firms) report early and are validated first.
 */
function reportStatus(random: Random, year: number, kg: Kg): ProgressReportStatus {
  if (year < 2024 || kg >= 20_000_000n) return 'validated';
  return random.chance(0.06) ? 'queried' : random.chance(0.16) ? 'submitted' : 'validated';
}

/**
 * Scales each kind and year so that its validated reports add up to the ACHIEVED figure; every report keeps
 * its share. Results are whole kilograms, so sums in the database are exact.
 */
function scaleToTargets(drafts: readonly Draft[]): Kg[] {
  const factors = new Map<string, number>();
  for (const kind of ['supply', 'uptake'] as const) {
    REPORTING_YEARS.forEach((year, y) => {
      const validated = drafts
        .filter((d) => d.pledge.row.kind === kind && d.year === year && d.status === 'validated')
        .reduce((sum, d) => sum + d.raw, 0);
      factors.set(`${kind}/${year}`, validated > 0 ? ((ACHIEVED[kind][y] ?? 0) * 1000) / validated : 0);
    });
  }
  return drafts.map((d) => BigInt(Math.round(d.raw * (factors.get(`${d.pledge.row.kind}/${d.year}`) ?? 0))));
}

function submissionDate(random: Random, year: number): Date {
  const opens = utc(`${year + 1}-02-01T08:00:00Z`);
  // Most report in the campaign window; a few are late, except in the campaign still running.
  if (year < 2024 && random.chance(0.05)) return between(random, utc(`${year + 1}-04-01`), utc(`${year + 1}-05-15`));
  const until = year < 2024 ? utc(`${year + 1}-03-31T17:00:00Z`) : addDays(AS_OF, -2);
  return between(random, opens, until, 0.4);
}

function validationDate(random: Random, submittedAt: Date): Date {
  const validated = addMinutes(addDays(submittedAt, random.int(2, 40)), random.int(30, 480));
  return validated > AS_OF ? addMinutes(AS_OF, -random.int(60, 600)) : validated;
}

function certificateNumber(random: Random, scheme: Scheme, year: number, country: string): string {
  switch (scheme) {
    case 'RecyClass':
      return `RCS-${year}-${random.digits(5)}`;
    case 'EuCertPlast':
      return `ECP-${country}-${random.digits(4)}`;
    case 'EN 15343':
      return `EN15343-${year}-${random.digits(6)}`;
  }
}
