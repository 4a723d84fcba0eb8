import type {
  ApplicationSector,
  NewWorkingGroup,
  ValueChainStage,
  WorkingGroupRole,
  workingGroupMember,
} from '../schema/index.ts';
import type { DemoOrganisation } from './organisations.ts';
import { addDays, addMinutes, earlier, type IdMaker, later, type Random, utc } from './random.ts';
import { AS_OF } from './timeline.ts';

interface GroupPlan {
  slug: string;
  name: string;
  kind: 'sector' | 'horizontal';
  /** The application sector whose pledges the group reviews; none for the horizontal group. */
  sector: ApplicationSector | null;
  mandate: string;
  relevantStages: ValueChainStage[];
  /**
   * Relevant stages that no member covers: the demo's "who is missing" answers. Organisations working in these
   * stages are kept out of the group.
   */
  missing: ValueChainStage[];
  size: number;
  createdAt: Date;
}

const ALL_INDUSTRY: ValueChainStage[] = ['polymer_producer', 'converter', 'collector_sorter', 'recycler'];

const GROUPS: readonly GroupPlan[] = [
  {
    slug: 'packaging',
    name: 'Packaging',
    kind: 'sector',
    sector: 'packaging',
    mandate:
      'Raise the recycled content of plastic packaging by agreeing design-for-recycling guidelines with converters ' +
      'and brand owners and by matching them with better collection and sorting of household packaging.',
    relevantStages: [
      ...ALL_INDUSTRY,
      'brand_owner',
      'retailer',
      'reuser',
      'consumer_organisation',
      'public_authority',
      'standardisation_body',
      'research',
      'trade_union',
    ],
    missing: ['trade_union'],
    size: 90,
    createdAt: utc('2019-10-15T09:00:00Z'),
  },
  {
    slug: 'construction',
    name: 'Construction',
    kind: 'sector',
    sector: 'construction',
    mandate:
      'Bring recycled plastics into pipes, profiles, membranes and insulation, with the product standards and ' +
      'demolition-waste sorting that this needs.',
    relevantStages: [...ALL_INDUSTRY, 'public_authority', 'standardisation_body', 'trade_union', 'research'],
    missing: ['standardisation_body', 'trade_union'],
    size: 48,
    createdAt: utc('2019-10-15T09:00:00Z'),
  },
  {
    slug: 'automotive',
    name: 'Automotive',
    kind: 'sector',
    sector: 'automotive',
    mandate:
      'Increase the use of recycled plastics in vehicles by improving dismantling and post-shredder sorting and by ' +
      'qualifying recycled grades for interior and under-the-hood parts.',
    relevantStages: [...ALL_INDUSTRY, 'brand_owner', 'reuser', 'standardisation_body', 'research'],
    missing: ['reuser'],
    size: 40,
    createdAt: utc('2019-10-16T09:00:00Z'),
  },
  {
    slug: 'electrical-electronic-equipment',
    name: 'Electrical and electronic equipment',
    kind: 'sector',
    sector: 'electrical_electronic',
    mandate:
      'Close the loop for plastics from discarded appliances and electronics: separate brominated fractions, ' +
      'certify clean recyclates and build demand for them among equipment makers.',
    relevantStages: [...ALL_INDUSTRY, 'brand_owner', 'retailer', 'reuser', 'consumer_organisation', 'research'],
    missing: ['consumer_organisation'],
    size: 34,
    createdAt: utc('2019-10-16T09:00:00Z'),
  },
  {
    slug: 'agriculture',
    name: 'Agriculture',
    kind: 'sector',
    sector: 'agriculture',
    mandate:
      'Organise the collection of used agricultural films, pipes and containers across member states and turn ' +
      'them into recycled material for new farm products.',
    relevantStages: [...ALL_INDUSTRY, 'public_authority', 'research'],
    missing: ['public_authority'],
    size: 27,
    createdAt: utc('2019-10-17T09:00:00Z'),
  },
  {
    slug: 'monitoring-data-collection',
    name: 'Monitoring and data collection',
    kind: 'horizontal',
    sector: null,
    mandate:
      'Design and run the monitoring system that measures recycled plastics collected, recycled and used in ' +
      'products, so that every pledge and every reported tonne can be checked.',
    relevantStages: [...ALL_INDUSTRY, 'brand_owner', 'public_authority', 'standardisation_body', 'research'],
    missing: [],
    size: 60,
    createdAt: utc('2019-11-05T09:00:00Z'),
  },
];

export interface DemoWorkingGroup {
  row: NewWorkingGroup & { id: string };
  sector: ApplicationSector | null;
  members: (typeof workingGroupMember.$inferInsert)[];
}

export function buildWorkingGroups(
  random: Random,
  ids: IdMaker,
  allianceId: string,
  organisations: readonly DemoOrganisation[],
): DemoWorkingGroup[] {
  const signatories = organisations.filter((o) => o.timeline.activeSince !== null);
  return GROUPS.map((plan) => {
    const row: DemoWorkingGroup['row'] = {
      id: ids.at(plan.createdAt),
      allianceId,
      slug: plan.slug,
      name: plan.name,
      kind: plan.kind,
      mandate: plan.mandate,
      status: 'active',
      relevantStages: plan.relevantStages,
      createdAt: plan.createdAt,
      updatedAt: plan.createdAt,
    };
    const candidates = signatories.filter(
      (o) =>
        o.row.stages.some((s) => plan.relevantStages.includes(s)) &&
        !o.row.stages.some((s) => plan.missing.includes(s)),
    );
    const chosen = weightedSample(random, candidates, (o) => affinity(plan, o), plan.size);
    const roles = assignRoles(random, chosen);
    const members = chosen.map((org, i) => {
      const joinedAt = joinDate(random, plan.createdAt, org);
      const role = roles[i] ?? 'member';
      return {
        workingGroupId: row.id,
        organisationId: org.row.id,
        role,
        // Chairs are people: the organisation's representative holds its chair or co-chair.
        chairPersonId: role === 'chair' || role === 'co_chair' ? org.representative.id : null,
        joinedAt,
        createdAt: joinedAt,
        updatedAt: joinedAt,
      };
    });
    return { row, sector: plan.sector, members };
  });
}

/** How likely an organisation is to join: the sector it works for counts most, then its voice in the chain. */
function affinity(plan: GroupPlan, org: DemoOrganisation): number {
  let weight = 1;
  if (plan.sector && org.sectors.includes(plan.sector)) weight *= 6;
  if (org.row.kind === 'association') weight *= 2;
  if (plan.kind === 'horizontal' && org.row.kind !== 'company') weight *= 3;
  return weight;
}

/** `count` items drawn one by one without replacement, each with probability proportional to its weight. */
function weightedSample<T>(random: Random, items: readonly T[], weight: (item: T) => number, count: number): T[] {
  const left = [...items];
  const weights = left.map(weight);
  const chosen: T[] = [];
  while (chosen.length < count && left.length > 0) {
    const index = random.weighted(
      left.map((_, i) => i),
      weights,
    );
    chosen.push(left[index] as T);
    left.splice(index, 1);
    weights.splice(index, 1);
  }
  return chosen;
}

/** One chair and one or two co-chairs from the associations and large companies; researchers, authorities and
 * standardisers often sit in as observers. */
function assignRoles(random: Random, members: readonly DemoOrganisation[]): WorkingGroupRole[] {
  const roles: WorkingGroupRole[] = members.map((o) => {
    const observerish = ['public_authority', 'research_body', 'standardisation_body'].includes(o.row.kind);
    return (observerish && random.chance(0.5)) || random.chance(0.04) ? 'observer' : 'member';
  });
  const leaders = members
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.row.kind === 'association' || (o.row.kind === 'company' && o.row.size === 'large'));
  const picked = random.sample(leaders, random.chance(0.5) ? 3 : 2);
  picked.forEach(({ i }, k) => {
    roles[i] = k === 0 ? 'chair' : 'co_chair';
  });
  return roles;
}

function joinDate(random: Random, groupCreated: Date, org: DemoOrganisation): Date {
  const from = later(groupCreated, org.timeline.activeSince ?? groupCreated);
  const joined = addMinutes(addDays(from, random.int(0, 45)), random.int(60, 600));
  return earlier(joined, AS_OF);
}
