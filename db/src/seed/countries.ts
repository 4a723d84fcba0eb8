import type { EuMemberState } from '@concord/schema/values';

/**
 * The 27 EU member states with what a fictional organisation there looks like: how many of the ~300 demo
 * organisations sit there (weighted toward the big economies, at least two each), the legal forms of companies,
 * and the language used for names. Counts sum to 300.
 */
export type Language =
  | 'bg'
  | 'cs'
  | 'da'
  | 'de'
  | 'el'
  | 'en'
  | 'es'
  | 'et'
  | 'fi'
  | 'fr'
  | 'hr'
  | 'hu'
  | 'it'
  | 'lt'
  | 'lv'
  | 'nl'
  | 'pl'
  | 'pt'
  | 'ro'
  | 'sl'
  | 'sv';

export interface Country {
  /** The member states are the shared EU-27 list's; the type keeps this demo data to them. */
  code: EuMemberState;
  count: number;
  languages: readonly Language[];
  /** Legal forms of small and of large companies. */
  sme: readonly string[];
  large: readonly string[];
  /** Some legal forms are written before the name (UAB Vardas, SIA Nosaukums). */
  formFirst?: boolean;
  /** Company register prefix, for the invented registration numbers. */
  register: string;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'DE', count: 44, languages: ['de'], sme: ['GmbH', 'GmbH & Co. KG'], large: ['AG', 'SE'], register: 'HRB' },
  { code: 'FR', count: 36, languages: ['fr'], sme: ['SARL', 'SAS'], large: ['S.A.', 'SAS'], register: 'RCS' },
  { code: 'IT', count: 33, languages: ['it'], sme: ['S.r.l.'], large: ['S.p.A.'], register: 'REA' },
  { code: 'ES', count: 27, languages: ['es'], sme: ['S.L.'], large: ['S.A.'], register: 'CIF' },
  { code: 'NL', count: 20, languages: ['nl'], sme: ['B.V.'], large: ['N.V.', 'B.V.'], register: 'KvK' },
  { code: 'BE', count: 18, languages: ['nl', 'fr'], sme: ['BV', 'SRL'], large: ['NV', 'SA'], register: 'BCE' },
  { code: 'PL', count: 17, languages: ['pl'], sme: ['Sp. z o.o.'], large: ['S.A.'], register: 'KRS' },
  { code: 'AT', count: 10, languages: ['de'], sme: ['GmbH'], large: ['AG'], register: 'FN' },
  { code: 'SE', count: 9, languages: ['sv'], sme: ['AB'], large: ['AB (publ)'], register: 'Org.nr' },
  { code: 'PT', count: 8, languages: ['pt'], sme: ['Lda.'], large: ['S.A.'], register: 'NIPC' },
  { code: 'CZ', count: 8, languages: ['cs'], sme: ['s.r.o.'], large: ['a.s.'], register: 'IČO' },
  { code: 'DK', count: 7, languages: ['da'], sme: ['ApS'], large: ['A/S'], register: 'CVR' },
  { code: 'FI', count: 7, languages: ['fi'], sme: ['Oy'], large: ['Oyj'], register: 'Y-tunnus' },
  { code: 'IE', count: 6, languages: ['en'], sme: ['Ltd'], large: ['DAC', 'plc'], register: 'CRO' },
  { code: 'GR', count: 6, languages: ['el'], sme: ['I.K.E.'], large: ['S.A.'], register: 'GEMI' },
  { code: 'RO', count: 6, languages: ['ro'], sme: ['S.R.L.'], large: ['S.A.'], register: 'J' },
  { code: 'HU', count: 5, languages: ['hu'], sme: ['Kft.'], large: ['Zrt.', 'Nyrt.'], register: 'Cg.' },
  { code: 'BG', count: 5, languages: ['bg'], sme: ['EOOD', 'OOD'], large: ['AD'], register: 'UIC' },
  { code: 'SK', count: 4, languages: ['cs'], sme: ['s.r.o.'], large: ['a.s.'], register: 'IČO' },
  { code: 'SI', count: 4, languages: ['sl'], sme: ['d.o.o.'], large: ['d.d.'], register: 'MŠ' },
  { code: 'HR', count: 4, languages: ['hr'], sme: ['d.o.o.'], large: ['d.d.'], register: 'MBS' },
  { code: 'LT', count: 3, languages: ['lt'], sme: ['UAB'], large: ['AB'], formFirst: true, register: 'JAR' },
  { code: 'LV', count: 3, languages: ['lv'], sme: ['SIA'], large: ['AS'], formFirst: true, register: 'UR' },
  { code: 'EE', count: 3, languages: ['et'], sme: ['OÜ'], large: ['AS'], register: 'RK' },
  { code: 'LU', count: 3, languages: ['fr', 'de'], sme: ['S.à r.l.'], large: ['S.A.'], register: 'RCS B' },
  { code: 'CY', count: 2, languages: ['en', 'el'], sme: ['Ltd'], large: ['Ltd', 'Plc'], register: 'HE' },
  { code: 'MT', count: 2, languages: ['en'], sme: ['Ltd'], large: ['p.l.c.'], register: 'C' },
];

/** Greek- and Cyrillic-script legal forms, for the few names written in the local script. */
export const NATIVE_SCRIPT_FORMS: Readonly<Record<string, { sme: string; large: string }>> = {
  GR: { sme: 'Ι.Κ.Ε.', large: 'Α.Ε.' },
  BG: { sme: 'ЕООД', large: 'АД' },
};

/** Suffixes of non-company organisations that a normalised name also drops. */
export const ASSOCIATION_FORMS: Readonly<Record<string, string>> = {
  BE: 'AISBL',
  DE: 'e.V.',
  AT: 'e.V.',
  LU: 'a.s.b.l.',
};

/** Every legal-form string used anywhere in the seed: what `normaliseName` removes. */
export const LEGAL_FORMS: readonly string[] = [
  ...new Set([
    ...COUNTRIES.flatMap((c) => [...c.sme, ...c.large]),
    ...Object.values(NATIVE_SCRIPT_FORMS).flatMap((f) => [f.sme, f.large]),
    ...Object.values(ASSOCIATION_FORMS),
    'KG',
    'Ltd.',
    'Limited',
  ]),
];
