import { schema } from '@concord/db';
import { parseTonnes } from '@concord/schema/values';
import { badInput } from '../../errors.ts';
import { optionalText, requiredText as required } from '../../lib/validate.ts';

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
  const conditions = optionalText(input.conditions, field('conditions'), {
    max: MAX_CONDITIONS_LENGTH,
    isMultiline: true,
  });
  const workingGroupSlug = optionalText(input.workingGroupSlug, field('workingGroupSlug'), { max: 100 });
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

/** Exact tonnes, by the one rule of @concord/schema/values: to the kilogram, within the ceiling, canonical. */
function tonnes(value: string, field: string, { isZeroAllowed }: { isZeroAllowed: boolean }): string {
  const parsed = parseTonnes(value, { isZeroAllowed });
  if (!parsed.ok) throw badInput(field, parsed.message);
  return parsed.tonnes;
}

function year(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > MAX_YEAR) {
    throw badInput(field, `A year from ${min} to ${MAX_YEAR}.`);
  }
  return value;
}

/** A reviewer's comment or a withdrawal reason: the one text rule, several lines allowed. */
export function requiredText(value: string | null | undefined, field: string, max: number): string {
  return required(value, field, { max, isMultiline: true });
}

export function text(value: string | null | undefined, field: string, max: number): string | null {
  return optionalText(value, field, { max, isMultiline: true });
}
