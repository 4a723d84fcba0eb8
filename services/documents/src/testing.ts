/**
 * Deterministic synthetic signatories for tests and benchmarks: invented names in the scripts of the EU
 * (Latin with diacritics, Greek, Cyrillic), some long enough to wrap, ordered by country then name as the
 * register serves them. Not exported from the package: imported by path from tests and tests/bench.
 */
import type { DeclarationSignatory } from './document-data.ts';

interface CountryStyle {
  syllables: readonly string[];
  activities: readonly string[];
  forms: readonly string[];
}

const LATIN: CountryStyle = {
  syllables: ['ka', 'lo', 'ri', 'ne', 'tra', 'vi', 'mon', 'sel', 'dor', 'pla', 'ser', 'una'],
  activities: ['Plastics', 'Recycling', 'Polymers', 'Packaging', 'Compounds', 'Circular Materials'],
  forms: ['Ltd', 'S.A.', 'B.V.', 'N.V.'],
};

// Scripts and legal forms by country; countries not listed use LATIN.
const STYLES: Record<string, CountryStyle> = {
  BG: {
    syllables: ['тра', 'ки', 'лон', 'ве', 'ра', 'ст', 'ма', 'ри', 'до', 'бри', 'зла', 'то'],
    activities: ['Пластмаси', 'Рециклиране', 'Полимери', 'Опаковки', 'Екология'],
    forms: ['ЕООД', 'АД', 'ООД'],
  },
  CY: {
    syllables: ['κα', 'λο', 'ρι', 'νη', 'πλα', 'στι', 'ζω', 'με', 'θα', 'λα', 'σσα', 'κυ'],
    activities: ['Πλαστικά', 'Ανακύκλωση', 'Πολυμερή', 'Συσκευασίες'],
    forms: ['Λτδ', 'Δημόσια Λτδ'],
  },
  DE: {
    ...LATIN,
    activities: ['Kunststoffe', 'Recycling', 'Verpackungen', 'Kunststofftechnik'],
    forms: ['GmbH', 'AG', 'GmbH & Co. KG'],
  },
  ES: { ...LATIN, activities: ['Plásticos', 'Reciclaje', 'Envases', 'Polímeros'], forms: ['S.L.', 'S.A.'] },
  FR: { ...LATIN, activities: ['Plastiques', 'Recyclage', 'Emballages', 'Polymères'], forms: ['SAS', 'SA', 'SARL'] },
  GR: {
    syllables: ['αλ', 'κυ', 'ρί', 'νη', 'πλα', 'στο', 'ζω', 'ή', 'θε', 'ρμο', 'ξα', 'νθη'],
    activities: ['Πλαστικά', 'Ανακύκλωση', 'Πολυμερή', 'Συσκευασίες'],
    forms: ['Α.Ε.', 'Ι.Κ.Ε.', 'Ε.Π.Ε.'],
  },
  IT: { ...LATIN, activities: ['Materie Plastiche', 'Riciclo', 'Imballaggi', 'Polimeri'], forms: ['S.p.A.', 'S.r.l.'] },
  PL: {
    ...LATIN,
    syllables: ['ło', 'dź', 'wis', 'ła', 'prze', 'świ', 'ęt', 'ko', 'żu', 'ra', 'mie', 'ńsk'],
    activities: ['Przetwórstwo Tworzyw', 'Recykling', 'Opakowania', 'Tworzywa Sztuczne'],
    forms: ['Sp. z o.o.', 'S.A.', 'Sp.k.'],
  },
  RO: {
    ...LATIN,
    syllables: ['ță', 'ra', 'ș', 'ti', 'mu', 'reș', 'ca', 'lă', 'bu', 'zău', 'ne', 'gru'],
    forms: ['S.R.L.', 'S.A.'],
  },
  SE: {
    ...LATIN,
    syllables: ['bjö', 'rk', 'ström', 'å', 'sa', 'lund', 'gö', 'ta', 'vä', 'ner', 'ki', 'ra'],
    forms: ['AB'],
  },
};

// Weights roughly like the register of a real alliance: larger economies sign more often.
const COUNTRIES: readonly [code: string, weight: number][] = [
  ['AT', 3],
  ['BE', 5],
  ['BG', 2],
  ['CY', 1],
  ['CZ', 2],
  ['DE', 14],
  ['DK', 2],
  ['EE', 1],
  ['ES', 8],
  ['FI', 2],
  ['FR', 12],
  ['GR', 2],
  ['HR', 1],
  ['HU', 2],
  ['IE', 2],
  ['IT', 11],
  ['LT', 1],
  ['LU', 1],
  ['LV', 1],
  ['MT', 1],
  ['NL', 7],
  ['PL', 5],
  ['PT', 3],
  ['RO', 2],
  ['SE', 3],
  ['SI', 1],
  ['SK', 1],
];

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, xs: readonly T[]): T => {
  const x = xs[Math.floor(next() * xs.length)];
  if (x === undefined) throw new RangeError('pick from an empty list');
  return x;
};

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const FIRST_ACTIVE = Date.UTC(2019, 8, 20);
const DAY = 86_400_000;

/** The names of one country's signatories, `count` of them, sorted. */
function countryNames(code: string, count: number, next: () => number): string[] {
  const style = STYLES[code] ?? LATIN;
  const names = new Set<string>();
  while (names.size < count) {
    const syllables = 2 + Math.floor(next() * 3);
    const brand = capitalise(Array.from({ length: syllables }, () => pick(next, style.syllables)).join(''));
    let name = `${brand} ${pick(next, style.activities)} ${pick(next, style.forms)}`;
    // One in forty is long enough to wrap, as association and public-body names often are.
    if (next() < 0.025)
      name = `${brand} ${style.activities.join(', ')} and Circular Economy Services ${pick(next, style.forms)}`;
    if (names.has(name)) name = `${name} ${names.size + 1}`;
    names.add(name);
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * `count` signatories ordered by country, then name, produced one country at a time so that even a large list
 * never sits in memory whole (as the register's paged query serves them).
 */
export async function* syntheticSignatories(count: number, seed = 2018): AsyncGenerator<DeclarationSignatory> {
  const next = random(seed);
  const total = COUNTRIES.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = count;
  for (const [index, [code, weight]] of COUNTRIES.entries()) {
    const share =
      index === COUNTRIES.length - 1 ? remaining : Math.min(remaining, Math.round((count * weight) / total));
    remaining -= share;
    // A country's names are made at once (to sort them), each signatory only as it is read: a renderer's benchmark
    // then measures the renderer, not a country's worth of signatories held here.
    for (const legalName of share > 0 ? countryNames(code, share, next) : []) {
      yield { legalName, country: code, activeSince: new Date(FIRST_ACTIVE + Math.floor(next() * 1800) * DAY) };
    }
  }
}

/** The same signatories as an array, for tests that compare the document with what went in. */
export async function syntheticSignatoryList(count: number, seed = 2018): Promise<DeclarationSignatory[]> {
  const list: DeclarationSignatory[] = [];
  for await (const signatory of syntheticSignatories(count, seed)) list.push(signatory);
  return list;
}
