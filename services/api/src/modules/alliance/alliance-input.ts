import type { schema } from '@concord/db';
import {
  BASELINE_YEAR_MIN,
  isAllianceLanguage,
  parseSlug,
  parseTonnes,
  TARGET_YEAR_MAX,
  TARGET_YEAR_MIN,
} from '@concord/schema/values';
import { badInput } from '../../errors.ts';
import { emailAddress, requiredText } from '../../lib/validate.ts';

/**
 * An alliance's settings as the API receives them, checked field by field; each error names its field as
 * `<prefix>.<field>` (`input.target.tonnes` for createAlliance, `target.tonnes` for changeAllianceTarget). The
 * database holds the same rules (checks on `alliance`), but an input never reaches it only to fail there.
 */

export const NAME_MAX = 200;
export const PURPOSE_MAX = 4000;
/** A secretariat of more than this is not a secretariat; a create with more is a mistake. */
export const SECRETARIAT_FIRST_MAX = 20;

export interface TargetInput {
  tonnes: string;
  counts?: schema.TargetFlow | null | undefined;
  /** Deprecated: what clients sent before a target could count both flows. */
  flow?: schema.PledgeKind | null | undefined;
  year: number;
  baselineYear: number;
  baselineTonnes?: string | null | undefined;
}

export type TargetFigures = Pick<
  schema.Alliance,
  'targetTonnes' | 'targetFlow' | 'targetYear' | 'baselineYear' | 'baselineTonnes'
>;

export interface SubTargetInput {
  label: string;
  polymer?: schema.Polymer | null | undefined;
  sector?: schema.ApplicationSector | null | undefined;
  tonnes: string;
  year: number;
}

export type SubTargetFigures = Pick<
  schema.AllianceSubTarget,
  'label' | 'polymer' | 'sector' | 'targetTonnes' | 'targetYear'
>;

export const SUB_TARGET_LABEL_MAX = 200;

export interface SigningWindowInput {
  opensOn?: string | null | undefined;
  closesOn?: string | null | undefined;
}

export type SigningWindowFigures = Pick<schema.Alliance, 'signingOpensOn' | 'signingClosesOn'>;

export const allianceName = (value: string, field: string) =>
  requiredText(value, field, { max: NAME_MAX, isName: true });

export const alliancePurpose = (value: string, field: string) =>
  requiredText(value, field, { max: PURPOSE_MAX, isMultiline: true });

export const contactEmail = (value: string, field: string) => emailAddress(value, field);

export function allianceSlug(value: string, field: string): string {
  const parsed = parseSlug(value);
  if (!parsed.ok) throw badInput(field, parsed.message);
  return parsed.slug;
}

export function parseTarget(input: TargetInput, prefix: string): TargetFigures {
  const field = (name: string) => `${prefix}.${name}`;
  const tonnes = parseTonnes(input.tonnes, { isZeroAllowed: false });
  if (!tonnes.ok) throw badInput(field('tonnes'), tonnes.message);
  const targetYear = year(input.year, field('year'), TARGET_YEAR_MIN);
  const baselineYear = year(input.baselineYear, field('baselineYear'), BASELINE_YEAR_MIN);
  if (baselineYear > targetYear) {
    throw badInput(field('baselineYear'), `The baseline year cannot be after the target year (${targetYear}).`);
  }
  let baselineTonnes: string | null = null;
  if (input.baselineTonnes !== null && input.baselineTonnes !== undefined) {
    const parsed = parseTonnes(input.baselineTonnes, { isZeroAllowed: true });
    if (!parsed.ok) throw badInput(field('baselineTonnes'), parsed.message);
    baselineTonnes = parsed.tonnes;
  }
  return {
    targetTonnes: tonnes.tonnes,
    targetFlow: targetFlowOf(input, field),
    targetYear,
    baselineYear,
    baselineTonnes,
  };
}

/** What the target counts: `counts`, or the deprecated `flow` alone; both given, they must agree. */
function targetFlowOf(input: TargetInput, field: (name: string) => string): schema.TargetFlow {
  const { counts, flow } = input;
  if (counts && flow && counts !== flow) {
    throw badInput(field('counts'), 'counts and the deprecated flow disagree: give counts alone.');
  }
  const given = counts ?? flow;
  if (!given) throw badInput(field('counts'), 'Say which pledges the target counts: SUPPLY, UPTAKE or BOTH.');
  return given;
}

/** A sub-target as given, field by field (`input.label`…); the database holds the same rules (alliance_sub_target). */
export function parseSubTarget(input: SubTargetInput, prefix: string): SubTargetFigures {
  const field = (name: string) => `${prefix}.${name}`;
  const label = requiredText(input.label, field('label'), { max: SUB_TARGET_LABEL_MAX });
  const polymer = input.polymer ?? null;
  const sector = input.sector ?? null;
  if (!polymer && !sector) throw badInput(field('polymer'), 'Choose a polymer, a sector, or both.');
  const tonnes = parseTonnes(input.tonnes, { isZeroAllowed: false });
  if (!tonnes.ok) throw badInput(field('tonnes'), tonnes.message);
  const targetYear = year(input.year, field('year'), TARGET_YEAR_MIN);
  return { label, polymer, sector, targetTonnes: tonnes.tonnes, targetYear };
}

function year(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > TARGET_YEAR_MAX) {
    throw badInput(field, `A year from ${min} to ${TARGET_YEAR_MAX}.`);
  }
  return value;
}

/** The window as given: both days inclusive; a day left out (or null) is no limit. */
export function parseSigningWindow(input: SigningWindowInput | null | undefined, prefix: string): SigningWindowFigures {
  const signingOpensOn = input?.opensOn ?? null;
  const signingClosesOn = input?.closesOn ?? null;
  if (signingOpensOn && signingClosesOn && signingClosesOn < signingOpensOn) {
    throw badInput(`${prefix}.closesOn`, `The last day of signing cannot be before the first (${signingOpensOn}).`);
  }
  return { signingOpensOn, signingClosesOn };
}

/** One or more of the EU's official languages, each once, in the order given (the first is the main one). */
export function parseLanguages(list: readonly string[], field: string): string[] {
  if (list.length === 0) throw badInput(field, 'Choose at least one language.');
  const seen = new Set<string>();
  list.forEach((value, index) => {
    const tag = value.trim();
    if (!isAllianceLanguage(tag)) {
      throw badInput(`${field}[${index}]`, 'An official language of the EU as a BCP 47 tag, such as en, de or fr.');
    }
    if (seen.has(tag)) throw badInput(`${field}[${index}]`, `${tag} is listed twice.`);
    seen.add(tag);
  });
  return [...seen];
}

/** The first secretariat members' addresses: at least one, each once (regardless of case). */
export function parseSecretariatEmails(list: readonly string[], field: string): string[] {
  if (list.length === 0) throw badInput(field, 'Appoint at least one member of the secretariat.');
  if (list.length > SECRETARIAT_FIRST_MAX) {
    throw badInput(field, `At most ${SECRETARIAT_FIRST_MAX} at once; appoint more afterwards.`);
  }
  const seen = new Set<string>();
  return list.flatMap((value, index) => {
    const email = emailAddress(value, `${field}[${index}]`);
    if (seen.has(email.toLowerCase())) return [];
    seen.add(email.toLowerCase());
    return [email];
  });
}
