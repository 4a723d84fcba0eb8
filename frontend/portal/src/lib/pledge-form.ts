/**
 * The pledge form (drafting, editing a draft, amending): its fields in page order, its values as typed, and
 * what must be right before the API is asked. The rules on content (bounds, decimals, baseline pairs) are the
 * API's; here only what cannot even be sent. Pure (no messages, no `$lib`): problems are codes, and the pages
 * word them (pledge-form-messages.ts).
 */

import { normaliseTonnes } from '@concord/schema/values';
import { readPdfFile } from './pdf-file';

export const pledgeFields = [
  'kind',
  'polymer',
  'sector',
  'tonnesPerYear',
  'targetYear',
  'baselineTonnes',
  'baselineYear',
  'conditions',
  'workingGroupSlug',
  'statement',
] as const;

export type PledgeField = (typeof pledgeFields)[number];

export interface PledgeValues {
  kind: string;
  polymer: string;
  sector: string;
  tonnesPerYear: string;
  targetYear: string;
  baselineTonnes: string;
  baselineYear: string;
  conditions: string;
  workingGroupSlug: string;
}

export const emptyPledge: PledgeValues = {
  kind: '',
  polymer: '',
  sector: '',
  tonnesPerYear: '',
  targetYear: '',
  baselineTonnes: '',
  baselineYear: '',
  conditions: '',
  workingGroupSlug: '',
};

export type PledgeProblem =
  | 'kind_required'
  | 'polymer_required'
  | 'sector_required'
  | 'tonnes_required'
  | 'tonnes_format'
  | 'year_required'
  | 'year_format'
  | 'statement_not_pdf'
  | 'statement_too_large';

/** What the API takes as `PledgeInput`, with the enums still as strings (checked by the caller's guards). */
export interface PledgeInputValues {
  kind: string;
  polymer: string;
  sector: string;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  conditions: string | null;
  workingGroupSlug: string | null;
}

export function readPledgeForm(data: FormData): PledgeValues {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    kind: text('kind'),
    polymer: text('polymer'),
    sector: text('sector'),
    tonnesPerYear: text('tonnesPerYear'),
    targetYear: text('targetYear'),
    baselineTonnes: text('baselineTonnes'),
    baselineYear: text('baselineYear'),
    conditions: text('conditions'),
    workingGroupSlug: text('workingGroupSlug'),
  };
}

// What people type made into what the API reads (spaces and English thousands separators dropped, a comma
// that may be a decimal comma refused): the one rule of @concord/schema/values.
export { normaliseTonnes };

function year(value: string): number | null {
  return /^\d{4}$/.test(value) ? Number(value) : null;
}

/** What is missing or malformed, all at once, and the input for the API when nothing is. */
export function checkPledgeForm(
  values: PledgeValues,
  choices: { kinds: readonly string[]; polymers: readonly string[]; sectors: readonly string[] },
): { problems: Partial<Record<PledgeField, PledgeProblem>>; input: PledgeInputValues | null } {
  const problems: Partial<Record<PledgeField, PledgeProblem>> = {};
  if (!choices.kinds.includes(values.kind)) problems.kind = 'kind_required';
  if (!choices.polymers.includes(values.polymer)) problems.polymer = 'polymer_required';
  if (!choices.sectors.includes(values.sector)) problems.sector = 'sector_required';

  const tonnesPerYear = normaliseTonnes(values.tonnesPerYear);
  if (!values.tonnesPerYear) problems.tonnesPerYear = 'tonnes_required';
  else if (tonnesPerYear === null) problems.tonnesPerYear = 'tonnes_format';
  const baselineTonnes = values.baselineTonnes ? normaliseTonnes(values.baselineTonnes) : null;
  if (values.baselineTonnes && baselineTonnes === null) problems.baselineTonnes = 'tonnes_format';

  const targetYear = year(values.targetYear);
  if (!values.targetYear) problems.targetYear = 'year_required';
  else if (targetYear === null) problems.targetYear = 'year_format';
  const baselineYear = values.baselineYear ? year(values.baselineYear) : null;
  if (values.baselineYear && baselineYear === null) problems.baselineYear = 'year_format';

  if (Object.keys(problems).length > 0 || tonnesPerYear === null || targetYear === null) {
    return { problems, input: null };
  }
  return {
    problems,
    input: {
      kind: values.kind,
      polymer: values.polymer,
      sector: values.sector,
      tonnesPerYear,
      targetYear,
      baselineTonnes,
      baselineYear,
      conditions: values.conditions || null,
      workingGroupSlug: values.workingGroupSlug || null,
    },
  };
}

/** The signed statement, if one was chosen: a PDF of at most 5 MB (checked again by the API). */
export async function readStatement(data: FormData): Promise<{ file: File | null; problem: PledgeProblem | null }> {
  const { file, problem } = await readPdfFile(data, 'statement');
  return { file, problem: problem ? `statement_${problem}` : null };
}

/** The form's values from a version's figures (editing a draft, or amending from the figures in force). */
export function pledgeValuesOf(figures: {
  kind: string;
  polymer: string;
  sector: string;
  tonnesPerYear: string;
  targetYear: number;
  baselineTonnes: string | null;
  baselineYear: number | null;
  conditions: string | null;
  workingGroup: { slug: string } | null;
}): PledgeValues {
  return {
    kind: figures.kind,
    polymer: figures.polymer,
    sector: figures.sector,
    tonnesPerYear: trimZeros(figures.tonnesPerYear),
    targetYear: String(figures.targetYear),
    baselineTonnes: figures.baselineTonnes === null ? '' : trimZeros(figures.baselineTonnes),
    baselineYear: figures.baselineYear === null ? '' : String(figures.baselineYear),
    conditions: figures.conditions ?? '',
    workingGroupSlug: figures.workingGroup?.slug ?? '',
  };
}

/** "1250.500" → "1250.5", "300.000" → "300": the API's canonical text, as someone would type it. */
export function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
