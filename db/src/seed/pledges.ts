import type {
  ApplicationSector,
  NewPledge,
  PledgeKind,
  PledgeStatus,
  Polymer,
  ValueChainStage,
} from '../schema/index.ts';
import type { DemoOrganisation } from './organisations.ts';
import { addDays, addMinutes, between, earlier, type IdMaker, later, type Random, utc } from './random.ts';
import { type Kg, kgToTonnes } from './tonnes.ts';
import type { DemoWorkingGroup } from './working-groups.ts';

/**
 * Accepted pledges per kind and polymer: [tonnes a year in all, number of pledges]. Supply lands just above the
 * 10 Mt target and uptake near 6.4 Mt, as in the CPA's first pledging round (DOMAIN.md): polyolefins ~3 Mt of
 * supply, PET ~2.07 Mt, PVC above 0.9 Mt. Rounding of single pledges moves the totals by a few hundred tonnes.
 */
const PLAN: Readonly<Record<PledgeKind, Readonly<Record<Polymer, readonly [number, number]>>>> = {
  supply: {
    LDPE: [1_250_000, 16],
    HDPE: [900_000, 14],
    PP: [870_000, 14],
    PS: [600_000, 8],
    EPS: [420_000, 6],
    PET: [2_070_000, 18],
    PVC: [960_000, 10],
    PU: [520_000, 6],
    ABS: [460_000, 6],
    PA: [350_000, 5],
    PC: [250_000, 4],
    OTHER: [1_650_000, 14],
  },
  uptake: {
    LDPE: [850_000, 12],
    HDPE: [800_000, 12],
    PP: [900_000, 14],
    PS: [250_000, 5],
    EPS: [150_000, 3],
    PET: [1_600_000, 20],
    PVC: [750_000, 10],
    PU: [200_000, 4],
    ABS: [250_000, 6],
    PA: [150_000, 4],
    PC: [100_000, 3],
    OTHER: [400_000, 8],
  },
};

/** Where each polymer is used, with rough weights. */
const POLYMER_SECTORS: Readonly<Record<Polymer, readonly (readonly [ApplicationSector, number])[]>> = {
  LDPE: [
    ['packaging', 6],
    ['agriculture', 3],
    ['construction', 1],
  ],
  HDPE: [
    ['packaging', 5],
    ['construction', 2],
    ['household_goods', 1],
    ['automotive', 1],
    ['agriculture', 1],
  ],
  PP: [
    ['packaging', 5],
    ['automotive', 3],
    ['household_goods', 2],
    ['electrical_electronic', 1],
    ['textiles', 1],
  ],
  PS: [
    ['packaging', 3],
    ['electrical_electronic', 2],
    ['household_goods', 1],
  ],
  EPS: [
    ['construction', 3],
    ['packaging', 2],
  ],
  PET: [
    ['packaging', 8],
    ['textiles', 2],
  ],
  PVC: [
    ['construction', 8],
    ['electrical_electronic', 1],
    ['agriculture', 1],
    ['other', 1],
  ],
  PU: [
    ['construction', 3],
    ['automotive', 2],
    ['household_goods', 2],
  ],
  ABS: [
    ['electrical_electronic', 3],
    ['automotive', 2],
  ],
  PA: [
    ['automotive', 3],
    ['textiles', 1],
    ['electrical_electronic', 1],
  ],
  PC: [
    ['electrical_electronic', 2],
    ['automotive', 1],
    ['construction', 1],
  ],
  OTHER: [
    ['packaging', 3],
    ['construction', 2],
    ['other', 2],
    ['agriculture', 1],
  ],
};

const PLEDGING_STAGES: Readonly<Record<PledgeKind, readonly ValueChainStage[]>> = {
  supply: ['recycler', 'polymer_producer', 'collector_sorter'],
  uptake: ['converter', 'brand_owner', 'retailer'],
};

const CONDITIONS: Readonly<Record<PledgeKind, readonly string[]>> = {
  supply: [
    'Subject to a steady supply of separately collected post-consumer material at the quality our lines need.',
    'Depends on permits for the planned extension of our sorting and washing plant.',
    'Assumes that end-of-waste criteria for the recycled polymer are adopted in our main markets.',
    'Conditional on an EU-authorised recycling process for food-contact applications.',
  ],
  uptake: [
    'Subject to recycled material being available at a price and quality comparable with virgin polymer.',
    'Depends on the product standards for our applications allowing recycled content.',
    'Assumes that food-contact approval is granted for the recycled grades we use.',
    'Volumes depend on market demand for our products staying at 2019 levels.',
  ],
};

const LAST_DECISION = utc('2024-12-20T17:00:00Z');

export interface DemoPledge {
  row: NewPledge & { id: string; kind: PledgeKind; status: PledgeStatus };
  kg: Kg;
  organisation: DemoOrganisation;
}

export function buildPledges(
  random: Random,
  ids: IdMaker,
  allianceId: string,
  organisations: readonly DemoOrganisation[],
  groups: readonly DemoWorkingGroup[],
): DemoPledge[] {
  // Pledgers must have been signatories long enough for a pledge to be decided within 2024.
  const signatories = organisations.filter(
    (o) =>
      o.timeline.activeSince !== null &&
      o.timeline.activeSince < utc('2024-10-01') &&
      (o.row.kind === 'company' || o.row.kind === 'association'),
  );
  const groupBySector = new Map(groups.flatMap((g) => (g.sector ? [[g.sector, g.row.id] as const] : [])));
  // A pledge is made in a working group only by a member of it (its chair reviews the pledge).
  const membership = new Set(groups.flatMap((g) => g.members.map((m) => `${m.workingGroupId}:${m.organisationId}`)));
  const used = new Set<string>();
  const pledges: DemoPledge[] = [];

  const make = (
    org: DemoOrganisation,
    kind: PledgeKind,
    polymer: Polymer,
    sector: ApplicationSector,
    kg: Kg,
    status: PledgeStatus,
    dates: { createdAt: Date; submittedAt: Date | null; decidedAt: Date | null; updatedAt: Date },
  ): DemoPledge => {
    const groupId = groupBySector.get(sector);
    const withBaseline = status === 'accepted' && random.chance(0.4);
    const baselineKg = withBaseline ? ((kg * BigInt(random.int(15, 60))) / 100n / 1000n) * 1000n : 0n;
    const row: DemoPledge['row'] = {
      id: ids.at(dates.createdAt),
      allianceId,
      organisationId: org.row.id,
      workingGroupId: groupId && random.chance(0.8) && membership.has(`${groupId}:${org.row.id}`) ? groupId : null,
      kind,
      polymer,
      sector,
      tonnesPerYear: kgToTonnes(kg),
      targetYear: 2025,
      baselineTonnes: withBaseline ? kgToTonnes(baselineKg) : null,
      baselineYear: withBaseline ? random.pick([2016, 2017, 2018]) : null,
      conditions: random.chance(0.2) ? random.pick(CONDITIONS[kind]) : null,
      status,
      submittedAt: dates.submittedAt,
      decidedAt: dates.decidedAt,
      createdAt: dates.createdAt,
      updatedAt: dates.updatedAt,
    };
    return { row, kg, organisation: org };
  };

  for (const kind of ['supply', 'uptake'] as const) {
    const pool = signatories.filter((o) => o.row.stages.some((s) => PLEDGING_STAGES[kind].includes(s)));
    for (const [polymer, [tonnes, count]] of Object.entries(PLAN[kind]) as [Polymer, readonly [number, number]][]) {
      // Biggest first, so that the big pledges find the associations and large companies that make them.
      const amounts = splitTonnes(random, tonnes, count).sort((a, b) => Number(b - a));
      for (const kg of amounts) {
        const { org, sector } = pickPledger(random, pool, polymer, kind, kg, used);
        const submittedAt = submissionDate(random, org);
        const decidedAt = decisionDate(random, submittedAt);
        const createdAt = addMinutes(submittedAt, -random.int(30, 3 * 24 * 60));
        pledges.push(
          make(org, kind, polymer, sector, kg, 'accepted', { createdAt, submittedAt, decidedAt, updatedAt: decidedAt }),
        );
      }
    }
  }

  // A few pledges in the other states, so that review queues and history are not empty.
  const others: [PledgeStatus, number][] = [
    ['draft', 3],
    ['submitted', 4],
    ['changes_requested', 3],
    ['rejected', 2],
    ['withdrawn', 1],
  ];
  for (const [status, count] of others) {
    for (let i = 0; i < count; i++) {
      // Old decisions need organisations that were signatories back then.
      const early = status === 'rejected' || status === 'withdrawn';
      const org = random.pick(
        early ? signatories.filter((o) => (o.timeline.activeSince as Date) < utc('2020-01-01')) : signatories,
      );
      const { kind, polymer, sector, kg } = smallPledge(random, org);
      pledges.push(make(org, kind, polymer, sector, kg, status, otherDates(random, status, org)));
    }
  }
  // Organisations that left the alliance withdrew their pledges on the same day.
  for (const org of organisations
    .filter((o) => o.timeline.signatures.some((s) => s.status === 'withdrawn'))
    .slice(0, 2)) {
    const step = org.timeline.signatures.find((s) => s.status === 'withdrawn');
    if (!step?.activatedAt || !step.withdrawnAt) continue;
    const { kind, polymer, sector, kg } = smallPledge(random, org);
    const submittedAt = addDays(step.activatedAt, random.int(10, 60));
    const decidedAt = decisionDate(random, submittedAt);
    const createdAt = addMinutes(submittedAt, -random.int(30, 600));
    pledges.push(
      make(org, kind, polymer, sector, kg, 'withdrawn', {
        createdAt,
        submittedAt,
        decidedAt,
        updatedAt: step.withdrawnAt,
      }),
    );
  }
  return pledges.sort((a, b) => (a.row.createdAt as Date).getTime() - (b.row.createdAt as Date).getTime());
}

/**
 * Splits `tonnes` into `count` uneven pledges in kilograms: a few large, many small, most rounded the way people
 * pledge (to 10, 100 or 1,000 t) and some to the kilogram.
 */
function splitTonnes(random: Random, tonnes: number, count: number): Kg[] {
  // u²·√u ≈ u^2.5 without pow (see `between`): a long tail of small pledges and a few big ones.
  const weights = Array.from({ length: count }, () => {
    const u = random.next();
    return 0.2 + u * u * Math.sqrt(u) * 5;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => {
    const kg = Math.round((tonnes * 1000 * w) / total);
    return random.chance(0.15) ? BigInt(kg) : roundKg(kg);
  });
}

function roundKg(kg: number): Kg {
  const t = kg / 1000;
  const step = t >= 100_000 ? 1000 : t >= 10_000 ? 100 : t >= 1_000 ? 10 : 1;
  return BigInt(Math.max(step, Math.round(t / step) * step)) * 1000n;
}

function pickPledger(
  random: Random,
  pool: readonly DemoOrganisation[],
  polymer: Polymer,
  kind: PledgeKind,
  kg: Kg,
  used: Set<string>,
): { org: DemoOrganisation; sector: ApplicationSector } {
  const polymerSectors = POLYMER_SECTORS[polymer].map(([s]) => s);
  const weights = pool.map((o) => pledgerWeight(o, kg, polymerSectors));
  for (let attempt = 0; ; attempt++) {
    const org = random.weighted(pool, weights);
    const fitting = POLYMER_SECTORS[polymer].filter(([s]) => org.sectors.includes(s));
    const options = fitting.length > 0 ? fitting : POLYMER_SECTORS[polymer];
    const sector = random.weighted(
      options.map(([s]) => s),
      options.map(([, w]) => w),
    );
    // One accepted pledge per organisation, kind, polymer and sector: a second would be an amendment.
    const key = `${org.row.id}/${kind}/${polymer}/${sector}`;
    if (!used.has(key) || attempt > 50) {
      used.add(key);
      return { org, sector };
    }
  }
}

/** Big pledges come from associations (for their members) and large companies; small ones from everyone. */
function pledgerWeight(org: DemoOrganisation, kg: Kg, polymerSectors: readonly ApplicationSector[]): number {
  const tonnes = Number(kg / 1000n);
  const association = org.row.kind === 'association';
  const large = org.row.size === 'large';
  let weight: number;
  if (tonnes >= 200_000) weight = association ? 10 : large ? 1 : 0.01;
  else if (tonnes >= 30_000) weight = association ? 3 : large ? 3 : 0.3;
  else weight = association ? 0.5 : large ? 1 : 2;
  if (org.sectors.some((s) => polymerSectors.includes(s))) weight *= 3;
  // The first wave pledged early; big pledges mostly date from the launch.
  if (tonnes >= 30_000 && (org.timeline.activeSince ?? LAST_DECISION) < utc('2019-10-01')) weight *= 4;
  return weight;
}

function submissionDate(random: Random, org: DemoOrganisation): Date {
  const active = org.timeline.activeSince ?? utc('2019-09-20');
  const from = addDays(active, 1);
  if (active < utc('2019-12-01') && random.chance(0.9)) return between(random, from, later(from, utc('2019-11-30')));
  const until = new Date(Math.min(addDays(active, 500).getTime(), utc('2024-11-15').getTime()));
  return between(random, from, later(from, until), 0.6);
}

function decisionDate(random: Random, submittedAt: Date): Date {
  const decided = addMinutes(addDays(submittedAt, random.int(7, 35)), random.int(30, 480));
  return earlier(decided, LAST_DECISION);
}

function smallPledge(random: Random, org: DemoOrganisation) {
  const kind: PledgeKind = org.row.stages.some((s) => PLEDGING_STAGES.supply.includes(s)) ? 'supply' : 'uptake';
  const polymer = random.pick(Object.keys(POLYMER_SECTORS) as Polymer[]);
  const sectors = POLYMER_SECTORS[polymer];
  const sector = random.weighted(
    sectors.map(([s]) => s),
    sectors.map(([, w]) => w),
  );
  return { kind, polymer, sector, kg: roundKg(random.int(200, 60_000) * 1000) };
}

function otherDates(random: Random, status: PledgeStatus, org: DemoOrganisation) {
  const active = org.timeline.activeSince ?? utc('2019-09-20');
  const recent = (from: string, to: string) => between(random, later(utc(from), addDays(active, 1)), utc(to));
  switch (status) {
    case 'draft': {
      const createdAt = recent('2025-01-10', '2025-03-18');
      return { createdAt, submittedAt: null, decidedAt: null, updatedAt: addDays(createdAt, random.int(0, 1)) };
    }
    case 'submitted': {
      const submittedAt = recent('2025-02-01', '2025-03-18');
      return { createdAt: addMinutes(submittedAt, -120), submittedAt, decidedAt: null, updatedAt: submittedAt };
    }
    case 'changes_requested':
    case 'rejected': {
      const submittedAt =
        status === 'rejected' ? recent('2021-01-10', '2023-06-30') : recent('2024-11-01', '2025-02-20');
      const decidedAt = addDays(submittedAt, random.int(7, 20));
      return { createdAt: addMinutes(submittedAt, -90), submittedAt, decidedAt, updatedAt: decidedAt };
    }
    default: {
      const submittedAt = recent('2020-02-01', '2021-12-31');
      const decidedAt = decisionDate(random, submittedAt);
      return {
        createdAt: addMinutes(submittedAt, -60),
        submittedAt,
        decidedAt,
        updatedAt: between(random, utc('2023-01-10'), utc('2023-12-15')),
      };
    }
  }
}
