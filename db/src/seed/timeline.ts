import type { SignatureStatus } from '../schema/index.ts';
import { addDays, addMinutes, between, type Random, utc } from './random.ts';

/** The demo's "today": the 2024 reporting campaign is open and a few signatures wait for review. */
export const AS_OF = utc('2025-03-20T12:00:00Z');
export const ALLIANCE_CREATED = utc('2018-12-11T10:00:00Z');
export const DECLARATION_PUBLISHED = utc('2019-09-20T08:00:00Z');

/** What happens to an organisation in the register; the counts make ~285 active signatories out of 300. */
type Fate =
  | 'launch'
  | 'active'
  | 'rejected_then_active'
  | 'withdrawn'
  | 'rejected'
  | 'pending_review'
  | 'pending_confirmation';

const FATES: readonly [Fate, number][] = [
  ['launch', 112],
  ['active', 171],
  ['rejected_then_active', 2],
  ['withdrawn', 4],
  ['rejected', 4],
  ['pending_review', 4],
  ['pending_confirmation', 3],
];

export interface SignatureStep {
  status: SignatureStatus;
  signedAt: Date;
  confirmedAt: Date | null;
  reviewedAt: Date | null;
  activatedAt: Date | null;
  rejectionReason: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface Timeline {
  registeredAt: Date;
  /** Oldest first; at most one is pending or active. */
  signatures: SignatureStep[];
  /** When the current active signature became active; null when the organisation is not a signatory now. */
  activeSince: Date | null;
}

const REJECTION_REASONS = [
  'The person who signed could not show that they may commit the organisation; please sign again with a mandate.',
  'Duplicate registration: the organisation already signed through its parent company.',
  'The organisation does not work along the plastics value chain (a consultancy offering signature services).',
  'No registered seat or activity in the EU could be verified from the documents provided.',
  'The registration number given belongs to a different legal entity; please correct it and sign again.',
  'The signatory e-mail address is a personal mailbox; please sign from an address of the organisation.',
];

const WITHDRAWAL_REASONS = [
  'The company ceased trading.',
  'Merged into another signatory, which carries the pledges forward.',
  'The association was dissolved; its members signed individually.',
  'The organisation left the plastics business.',
];

/** One timeline per organisation, sorted by registration date, so row order and ids follow registration. */
export function planTimelines(random: Random): Timeline[] {
  const fates = random.shuffle(FATES.flatMap(([fate, count]) => Array.from({ length: count }, () => fate)));
  const counters = { rejection: 0, withdrawal: 0 };
  const timelines = fates.map((fate) => timelineFor(random, fate, counters));
  return timelines.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
}

/** The dates of one organisation's story; `counters` hand out rejection and withdrawal reasons in turn. */
function timelineFor(random: Random, fate: Fate, counters: { rejection: number; withdrawal: number }): Timeline {
  switch (fate) {
    case 'launch': {
      // The first wave signed on the day the declaration was published and was verified the same day.
      const step = activeStep(random, addMinutes(DECLARATION_PUBLISHED, random.int(10, 540)), 0);
      return {
        registeredAt: between(random, utc('2019-09-02'), utc('2019-09-19')),
        signatures: [step],
        activeSince: step.activatedAt,
      };
    }
    case 'active': {
      const step = activeStep(random, between(random, utc('2019-10-01'), utc('2024-12-10'), 0.5), random.int(1, 10));
      return {
        registeredAt: registeredBefore(random, step.signedAt),
        signatures: [step],
        activeSince: step.activatedAt,
      };
    }
    case 'rejected_then_active': {
      const first = rejectedStep(
        random,
        between(random, utc('2020-01-15'), utc('2021-06-30')),
        REJECTION_REASONS[counters.rejection++],
      );
      const second = activeStep(
        random,
        addDays(first.reviewedAt ?? first.signedAt, random.int(30, 200)),
        random.int(1, 7),
      );
      return {
        registeredAt: registeredBefore(random, first.signedAt),
        signatures: [first, second],
        activeSince: second.activatedAt,
      };
    }
    case 'withdrawn': {
      const step = activeStep(random, between(random, utc('2019-09-23'), utc('2021-12-31')), random.int(1, 10));
      step.status = 'withdrawn';
      step.withdrawnAt = between(random, utc('2022-03-01'), utc('2024-11-30'));
      step.withdrawalReason = WITHDRAWAL_REASONS[counters.withdrawal++ % WITHDRAWAL_REASONS.length] ?? null;
      return { registeredAt: registeredBefore(random, step.signedAt), signatures: [step], activeSince: null };
    }
    case 'rejected': {
      const step = rejectedStep(
        random,
        between(random, utc('2020-03-01'), utc('2024-10-31')),
        REJECTION_REASONS[counters.rejection++],
      );
      return { registeredAt: registeredBefore(random, step.signedAt), signatures: [step], activeSince: null };
    }
    case 'pending_review': {
      const signedAt = between(random, utc('2025-02-17'), utc('2025-03-17'));
      const step = emptyStep('pending_review', signedAt);
      step.confirmedAt = addMinutes(signedAt, random.int(3, 240));
      return { registeredAt: registeredBefore(random, signedAt), signatures: [step], activeSince: null };
    }
    case 'pending_confirmation': {
      const signedAt = between(random, utc('2025-03-05'), utc('2025-03-19'));
      return {
        registeredAt: registeredBefore(random, signedAt),
        signatures: [emptyStep('pending_confirmation', signedAt)],
        activeSince: null,
      };
    }
  }
}

function emptyStep(status: SignatureStatus, signedAt: Date): SignatureStep {
  return {
    status,
    signedAt,
    confirmedAt: null,
    reviewedAt: null,
    activatedAt: null,
    rejectionReason: null,
    withdrawnAt: null,
    withdrawalReason: null,
  };
}

function activeStep(random: Random, signedAt: Date, reviewDays: number): SignatureStep {
  const step = emptyStep('active', signedAt);
  step.confirmedAt = addMinutes(signedAt, random.int(2, 90));
  const reviewedAt = addMinutes(addDays(step.confirmedAt, reviewDays), random.int(20, 300));
  step.reviewedAt = reviewedAt;
  step.activatedAt = reviewedAt;
  return step;
}

function rejectedStep(random: Random, signedAt: Date, reason: string | undefined): SignatureStep {
  const step = emptyStep('rejected', signedAt);
  step.confirmedAt = addMinutes(signedAt, random.int(2, 90));
  step.reviewedAt = addMinutes(addDays(step.confirmedAt, random.int(3, 20)), random.int(20, 300));
  step.rejectionReason = reason ?? 'Eligibility could not be verified.';
  return step;
}

function registeredBefore(random: Random, signedAt: Date): Date {
  return addMinutes(signedAt, -random.int(30, 14 * 24 * 60));
}
