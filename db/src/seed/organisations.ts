import type {
  ApplicationSector,
  NewOrganisation,
  NewPerson,
  OrganisationKind,
  OrganisationSize,
  ValueChainStage,
} from '../schema/index.ts';
import { ASSOCIATION_FORMS, COUNTRIES, type Country, type Language, NATIVE_SCRIPT_FORMS } from './countries.ts';
import { asciiSlug, foldAscii, inventStem, NATIVE_STEMS, normaliseName, personName, tradeWord } from './names.ts';
import type { IdMaker, Random } from './random.ts';
import type { Timeline } from './timeline.ts';

/** An organisation with its representative and the facts the later steps (groups, pledges) build on. */
export interface DemoOrganisation {
  row: NewOrganisation & { id: string; country: string; kind: OrganisationKind; stages: ValueChainStage[] };
  representative: NewPerson & { id: string; name: string };
  jobTitle: string;
  timeline: Timeline;
  /** The application sectors it works for: not stored, but it decides groups and pledges. */
  sectors: ApplicationSector[];
}

// 300 in all: mostly companies, as in the CPA, with every other kind of actor present.
const KINDS: readonly [OrganisationKind, number][] = [
  ['company', 210],
  ['association', 36],
  ['public_authority', 12],
  ['ngo', 12],
  ['research_body', 18],
  ['standardisation_body', 6],
  ['trade_union', 6],
];

const COMPANY_STAGES: readonly ValueChainStage[] = [
  'recycler',
  'converter',
  'brand_owner',
  'polymer_producer',
  'collector_sorter',
  'retailer',
  'reuser',
];
const COMPANY_STAGE_WEIGHTS = [30, 28, 14, 10, 10, 5, 3];

/** Stages that often go together in one business, for the second and third stage of a company. */
const NEIGHBOUR_STAGES: Readonly<Partial<Record<ValueChainStage, readonly ValueChainStage[]>>> = {
  recycler: ['collector_sorter', 'converter', 'polymer_producer'],
  converter: ['recycler', 'brand_owner', 'polymer_producer'],
  brand_owner: ['retailer', 'converter'],
  polymer_producer: ['recycler', 'converter'],
  collector_sorter: ['recycler', 'reuser'],
  retailer: ['brand_owner', 'reuser'],
  reuser: ['collector_sorter', 'retailer'],
  consumer_organisation: ['reuser'],
};

const SECTORS: readonly ApplicationSector[] = [
  'packaging',
  'construction',
  'automotive',
  'electrical_electronic',
  'agriculture',
  'household_goods',
  'textiles',
  'other',
];
const SECTOR_WEIGHTS = [40, 14, 10, 9, 7, 8, 5, 4];

const JOB_TITLES: Readonly<Record<OrganisationKind, readonly string[]>> = {
  company: [
    'Chief Executive Officer',
    'Managing Director',
    'Head of Sustainability',
    'Director of Circular Economy',
    'Chief Operating Officer',
    'Head of Public Affairs',
  ],
  association: ['Director General', 'Secretary General', 'Policy Director'],
  public_authority: [
    'Head of Waste Management',
    'Deputy Mayor for the Environment',
    'Director of Environmental Services',
  ],
  ngo: ['Executive Director', 'Campaign Coordinator', 'Policy Officer'],
  research_body: ['Director', 'Head of the Polymer Recycling Department', 'Scientific Coordinator'],
  standardisation_body: ['Director of Standards Development', 'Technical Committee Secretary'],
  trade_union: ['General Secretary', 'Head of Industrial Policy'],
};

export function buildOrganisations(random: Random, ids: IdMaker, timelines: readonly Timeline[]): DemoOrganisation[] {
  const kinds = random.shuffle(KINDS.flatMap(([kind, count]) => Array.from({ length: count }, () => kind)));
  const countries = random.shuffle(COUNTRIES.flatMap((c) => Array.from({ length: c.count }, () => c)));
  const usedStems = new Set<string>();
  const nativeLeft: Record<string, number> = { GR: 2, BG: 2 };
  return timelines.map((timeline, index) => {
    const kind = kinds[index] ?? 'company';
    const country = takeCountry(random, countries, kind);
    const language = random.pick(country.languages);
    const size = pickSize(random, kind);
    const stages = pickStages(random, kind);
    const native = kind === 'company' && (nativeLeft[country.code] ?? 0) > 0 ? NATIVE_STEMS[country.code] : undefined;
    let legalName: string;
    let domainStem: string;
    if (native) {
      // A couple of Greek- and Cyrillic-script names, so search and PDFs meet other scripts.
      const left = (nativeLeft[country.code] ?? 1) - 1;
      nativeLeft[country.code] = left;
      const stem = native[left] ?? { native: 'Α', latin: 'alpha' };
      const forms = NATIVE_SCRIPT_FORMS[country.code];
      legalName = `${stem.native} ${size === 'large' ? forms?.large : forms?.sme}`;
      domainStem = stem.latin;
      usedStems.add(asciiSlug(stem.latin));
    } else {
      const stem = inventStem(random, usedStems);
      legalName = organisationName(random, kind, size, country, language, stem, stages);
      domainStem = stem;
    }
    const domain = `${asciiSlug(domainStem)}.example`;
    const createdAt = timeline.registeredAt;
    const row: DemoOrganisation['row'] = {
      id: ids.at(createdAt),
      legalName,
      normalisedName: normaliseName(legalName),
      country: country.code,
      kind,
      size,
      stages,
      website: random.chance(0.65) ? `https://www.${domain}` : null,
      // Company registers hold companies; associations here are registered under the same numbering.
      registrationNumber: random.chance(kind === 'company' ? 0.8 : kind === 'association' ? 0.4 : 0)
        ? `${country.register} ${random.digits(random.int(6, 9))}`
        : null,
      transparencyRegisterNumber: random.chance(transparencyShare(kind, size))
        ? `${random.int(1, 9)}${random.digits(random.pick([8, 10, 11, 11, 11]))}-${random.digits(2)}`
        : null,
      createdAt,
      updatedAt: createdAt,
    };
    const name = personName(random, language);
    const local = `${asciiSlug(foldAscii(name.first))}.${asciiSlug(foldAscii(name.last))}`.replace(/-/g, '');
    const representative: DemoOrganisation['representative'] = {
      id: ids.at(createdAt),
      email: `${local}@${domain}`,
      name: `${name.first} ${name.last}`,
      locale: 'en',
      createdAt,
      updatedAt: createdAt,
    };
    return {
      row,
      representative,
      jobTitle: random.pick(JOB_TITLES[kind]),
      timeline,
      sectors: pickSectors(random, kind, stages),
    };
  });
}

/** Takes a country slot; half of the associations sit in Brussels, as EU-level federations do. */
function takeCountry(random: Random, slots: Country[], kind: OrganisationKind): Country {
  if (kind === 'association' && random.chance(0.5)) {
    const be = slots.findIndex((c) => c.code === 'BE');
    if (be >= 0) return slots.splice(be, 1)[0] as Country;
  }
  const slot = slots.shift();
  if (!slot) throw new Error('more organisations than country slots');
  return slot;
}

function pickSize(random: Random, kind: OrganisationKind): OrganisationSize {
  const largeShare: Record<OrganisationKind, number> = {
    company: 0.4,
    association: 0.3,
    public_authority: 0.9,
    ngo: 0.1,
    research_body: 0.6,
    standardisation_body: 0.7,
    trade_union: 0.5,
  };
  return random.chance(largeShare[kind]) ? 'large' : 'sme';
}

function transparencyShare(kind: OrganisationKind, size: OrganisationSize): number {
  if (kind === 'association' || kind === 'ngo' || kind === 'trade_union') return 0.85;
  if (kind === 'company') return size === 'large' ? 0.6 : 0.2;
  return 0.3;
}

function pickStages(random: Random, kind: OrganisationKind): ValueChainStage[] {
  let primary: ValueChainStage;
  let extraChance = 0.5;
  switch (kind) {
    case 'company':
      primary = random.weighted(COMPANY_STAGES, COMPANY_STAGE_WEIGHTS);
      break;
    case 'association':
      primary = random.weighted([...COMPANY_STAGES, 'consumer_organisation'], [30, 25, 12, 12, 10, 5, 3, 6]);
      break;
    case 'ngo':
      primary = random.chance(0.7) ? 'consumer_organisation' : 'reuser';
      extraChance = 0.3;
      break;
    case 'public_authority':
      // Municipal waste services collect and sort, too.
      return random.chance(0.4) ? ['public_authority', 'collector_sorter'] : ['public_authority'];
    case 'research_body':
      return random.chance(0.2) ? ['research', 'recycler'] : ['research'];
    case 'standardisation_body':
      return ['standardisation_body'];
    case 'trade_union':
      return ['trade_union'];
  }
  const stages: ValueChainStage[] = [primary];
  const neighbours = NEIGHBOUR_STAGES[primary] ?? [];
  const extra = random.chance(extraChance) ? (random.chance(0.3) ? 2 : 1) : 0;
  for (const stage of random.sample(neighbours, extra)) stages.push(stage);
  return stages;
}

function pickSectors(random: Random, kind: OrganisationKind, stages: readonly ValueChainStage[]): ApplicationSector[] {
  const first = random.weighted(SECTORS, SECTOR_WEIGHTS);
  // Associations, authorities and researchers tend to span several sectors.
  const broad = kind !== 'company' || stages.includes('polymer_producer') || stages.includes('recycler');
  const count = broad ? random.int(1, 3) : random.chance(0.3) ? 2 : 1;
  const sectors = new Set<ApplicationSector>([first]);
  while (sectors.size < count) sectors.add(random.weighted(SECTORS, SECTOR_WEIGHTS));
  return [...sectors];
}

const CONSUMER_WORDS = ['Foods', 'Home Care', 'Retail', 'Beverages', 'Consumer Goods', 'Dairy', 'Cosmetics'];

function organisationName(
  random: Random,
  kind: OrganisationKind,
  size: OrganisationSize,
  country: Country,
  language: Language,
  stem: string,
  stages: readonly ValueChainStage[],
): string {
  const primary = stages[0];
  const associationForm = ASSOCIATION_FORMS[country.code];
  const withAssociationForm = (name: string) => (associationForm ? `${name} ${associationForm}` : name);
  switch (kind) {
    case 'company': {
      // Brand owners and retailers are named for what they sell, not for plastics.
      const consumerFacing = primary === 'brand_owner' || primary === 'retailer';
      const trade = consumerFacing ? { word: random.pick(CONSUMER_WORDS), first: false } : tradeWord(random, language);
      const base = random.chance(0.8) ? (trade.first ? `${trade.word} ${stem}` : `${stem} ${trade.word}`) : stem;
      const form = random.pick(size === 'large' ? country.large : country.sme);
      return country.formFirst ? `${form} ${base}` : `${base} ${form}`;
    }
    case 'association':
      return withAssociationForm(associationName(random, stem, primary));
    case 'public_authority':
      return random.pick([
        `City of ${stem}`,
        `${stem} Regional Waste Agency`,
        `${stem} Metropolitan Waste Authority`,
        `Municipality of ${stem}`,
      ]);
    case 'ngo':
      return primary === 'reuser'
        ? `${stem} Repair and Reuse Network`
        : random.pick([
            `${stem} Consumers' Union`,
            `${stem} Citizens for Clean Rivers`,
            `${stem} Zero-Waste Households`,
          ]);
    case 'research_body':
      return random.pick([
        `${stem} Institute for Polymer Recycling`,
        `${stem} Centre for Circular Materials`,
        `${stem} University of Technology`,
      ]);
    case 'standardisation_body':
      return random.pick([`${stem} Standards Institute`, `${stem} Bureau for Normalisation`]);
    case 'trade_union':
      return random.pick([`${stem} Chemical and Plastics Workers' Union`, `${stem} Industrial Workers' Federation`]);
  }
}

function associationName(random: Random, stem: string, primary: ValueChainStage | undefined): string {
  switch (primary) {
    case 'recycler': {
      const material = random.pick(['Plastics', 'Post-Consumer Plastics', 'Industrial Plastics']);
      return `${stem} Federation of ${material} Recyclers`;
    }
    case 'converter':
      return `${stem} Association of ${random.pick(['Plastics', 'Packaging', 'Plastics Processors'])} Converters`;
    case 'polymer_producer':
      return `${stem} Polymer Producers' Association`;
    case 'brand_owner':
      return `${stem} Brand Owners' Circularity Council`;
    case 'retailer':
      return `${stem} Retail Packaging Forum`;
    case 'collector_sorter':
      return `${stem} Association of Collection and Sorting Operators`;
    case 'consumer_organisation':
      return `${stem} Consumers' Federation`;
    default:
      return `${stem} Reuse and Refill Network`;
  }
}
