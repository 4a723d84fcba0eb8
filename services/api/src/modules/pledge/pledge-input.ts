import { schema } from '@concord/db';
import { badInput } from '../../errors.ts';

/** A pledge's figures as a representative types them (enums already in the database's case). */
export interface PledgeInput {
  kind: schema.PledgeKind;
  polymer: schema.Polymer;
  sector: schema.ApplicationSector;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes?: string | null | undefined;
  baselineYear?: number | null | undefined;
  conditions?: string | null | undefined;
  workingGroupSlug?: string | null | undefined;
}

/** The checked figures, ready for a `pledge_version` row (the working group still to be found by slug). */
export interface PledgeFigures {
  kind: schema.PledgeKind;
  polymer: schema.Polymer;
  sector: schema.ApplicationSector;
  /** Canonical decimal text with 3 decimals, e.g. `12500.500`. */
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  conditions: string | null;
  workingGroupSlug: string | null;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Baselines may predate the alliance: the CPA measured against 2016. */
export const MIN_BASELINE_YEAR = 1990;
export const MAX_CONDITIONS_LENGTH = 4000;
const MAX_KG = BigInt(schema.PLEDGE_MAX_TONNES) * 1000n;

/**
 * Checks every field of a pledge; errors name the field as `<prefix>.<field>` (`input.pledge.tonnesPerYear` for
 * draftPledge, `pledge.tonnesPerYear` for updatePledgeDraft and amendPledge). The database checks the same
 * bounds, but an input must never reach it only to fail there: that would be a 500, not an answer.
 */
export function parsePledgeInput(input: PledgeInput, prefix: string): PledgeFigures {
  const field = (name: string) => `${prefix}.${name}`;
  if (!(schema.pledgeKinds as readonly string[]).includes(input.kind)) throw badInput(field('kind'), 'Unknown kind.');
  if (!(schema.polymers as readonly string[]).includes(input.polymer)) {
    throw badInput(field('polymer'), 'Unknown polymer.');
  }
  if (!(schema.applicationSectors as readonly string[]).includes(input.sector)) {
    throw badInput(field('sector'), 'Unknown sector.');
  }
  const tonnesPerYear = tonnes(input.tonnesPerYear, field('tonnesPerYear'), { isZeroAllowed: false });
  const targetYear = year(input.targetYear, field('targetYear'), MIN_YEAR);
  const baselineTonnes =
    input.baselineTonnes === null || input.baselineTonnes === undefined
      ? null
      : tonnes(input.baselineTonnes, field('baselineTonnes'), { isZeroAllowed: true });
  const baselineYear =
    input.baselineYear === null || input.baselineYear === undefined
      ? null
      : year(input.baselineYear, field('baselineYear'), MIN_BASELINE_YEAR);
  if (baselineYear !== null && baselineTonnes === null) {
    throw badInput(field('baselineTonnes'), 'Give the baseline tonnes with the baseline year (or neither).');
  }
  if (baselineTonnes !== null && baselineYear === null) {
    throw badInput(field('baselineYear'), 'Give the baseline year with the baseline tonnes (or neither).');
  }
  if (baselineYear !== null && targetYear < baselineYear) {
    throw badInput(field('targetYear'), `The target year cannot be before the baseline year (${baselineYear}).`);
  }
  const conditions = text(input.conditions, field('conditions'), MAX_CONDITIONS_LENGTH);
  const workingGroupSlug = text(input.workingGroupSlug, field('workingGroupSlug'), 100);
  return {
    kind: input.kind,
    polymer: input.polymer,
    sector: input.sector,
    tonnesPerYear,
    targetYear,
    baselineTonnes,
    baselineYear,
    conditions,
    workingGroupSlug,
  };
}

/**
 * Exact tonnes: digits with at most 3 decimals (to the kilogram), within the ceiling. Compared as integer
 * kilograms, never as floats; returned in canonical form (`0012.5` → `12.500`).
 */
function tonnes(value: string, field: string, { isZeroAllowed }: { isZeroAllowed: boolean }): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) {
    throw badInput(
      field,
      value.trim().startsWith('-')
        ? isZeroAllowed
          ? 'Tonnes cannot be negative.'
          : 'Tonnes must be more than 0.'
        : 'Write tonnes as a number such as 1250.5.',
    );
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 3) throw badInput(field, 'At most 3 decimals: tonnes are counted to the kilogram.');
  const kg = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
  if (!isZeroAllowed && kg === 0n) throw badInput(field, 'Tonnes must be more than 0.');
  if (kg > MAX_KG) throw badInput(field, 'At most 50,000,000 t a year: five times the alliance’s whole target.');
  return `${kg / 1000n}.${(kg % 1000n).toString().padStart(3, '0')}`;
}

function year(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > MAX_YEAR) {
    throw badInput(field, `A year from ${min} to ${MAX_YEAR}.`);
  }
  return value;
}

// Lone surrogates cannot be encoded in UTF-8 and NUL cannot be stored in PostgreSQL text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A reviewer's comment or a withdrawal reason: trimmed, storable, at most `max` characters. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const checked = text(value, field, max);
  if (checked === null) throw badInput(field, 'This field is required.');
  return checked;
}

export function text(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (UNSTORABLE.test(trimmed)) throw badInput(field, 'The text contains a character that cannot be stored.');
  // Characters as people count them (code points), not UTF-16 units.
  if ([...trimmed].length > max) throw badInput(field, `At most ${max} characters.`);
  return trimmed;
}
