import { describe, expect, test } from 'vitest';
import { checkPledgeForm, emptyPledge, normaliseTonnes, pledgeValuesOf, readStatement, trimZeros } from './pledge-form';

const choices = { kinds: ['SUPPLY', 'UPTAKE'], polymers: ['PET', 'PP'], sectors: ['PACKAGING'] };

describe('normaliseTonnes', () => {
  test.each([
    ['1250.5', '1250.5'],
    ['1 250.5', '1250.5'],
    ['1,250,000', '1250000'],
    ['12\u00a0500', '12500'],
  ])('%s → %s', (typed, sent) => {
    expect(normaliseTonnes(typed)).toBe(sent);
  });
  test.each(['1,5', '12,50', '1.250,5'])('refuses the ambiguous %s', (typed) => {
    expect(normaliseTonnes(typed)).toBeNull();
  });
});

describe('checkPledgeForm', () => {
  test('names every missing field at once', () => {
    expect(checkPledgeForm(emptyPledge, choices)).toEqual({
      problems: {
        kind: 'kind_required',
        polymer: 'polymer_required',
        sector: 'sector_required',
        tonnesPerYear: 'tonnes_required',
        targetYear: 'year_required',
      },
      input: null,
    });
  });
  test('refuses a malformed year and ambiguous tonnes, optional ones too', () => {
    const { problems } = checkPledgeForm(
      {
        ...emptyPledge,
        kind: 'SUPPLY',
        polymer: 'PET',
        sector: 'PACKAGING',
        tonnesPerYear: '1,5',
        targetYear: '25',
        baselineYear: 'x',
      },
      choices,
    );
    expect(problems).toEqual({
      tonnesPerYear: 'tonnes_format',
      targetYear: 'year_format',
      baselineYear: 'year_format',
    });
  });
  test('builds the input, empty optional fields as null', () => {
    const { input } = checkPledgeForm(
      {
        ...emptyPledge,
        kind: 'UPTAKE',
        polymer: 'PP',
        sector: 'PACKAGING',
        tonnesPerYear: '12 000',
        targetYear: '2025',
      },
      choices,
    );
    expect(input).toEqual({
      kind: 'UPTAKE',
      polymer: 'PP',
      sector: 'PACKAGING',
      tonnesPerYear: '12000',
      targetYear: 2025,
      baselineTonnes: null,
      baselineYear: null,
      conditions: null,
      workingGroupSlug: null,
    });
  });
});

describe('pledgeValuesOf', () => {
  test('shows the figures as someone would type them', () => {
    expect(trimZeros('1250.500')).toBe('1250.5');
    expect(trimZeros('300.000')).toBe('300');
    expect(trimZeros('300')).toBe('300');
    expect(
      pledgeValuesOf({
        kind: 'SUPPLY',
        polymer: 'PET',
        sector: 'PACKAGING',
        tonnesPerYear: '2070000.000',
        targetYear: 2025,
        baselineTonnes: '0.000',
        baselineYear: 2016,
        conditions: null,
        workingGroup: { slug: 'packaging' },
      }),
    ).toEqual({
      kind: 'SUPPLY',
      polymer: 'PET',
      sector: 'PACKAGING',
      tonnesPerYear: '2070000',
      targetYear: '2025',
      baselineTonnes: '0',
      baselineYear: '2016',
      conditions: '',
      workingGroupSlug: 'packaging',
    });
  });
});

describe('readStatement', () => {
  const form = (file?: File) => {
    const data = new FormData();
    if (file) data.set('statement', file);
    return data;
  };
  test('no file chosen is no statement', async () => {
    await expect(readStatement(form())).resolves.toEqual({ file: null, problem: null });
    await expect(readStatement(form(new File([], '')))).resolves.toEqual({ file: null, problem: null });
  });
  test('a PDF passes; anything else is refused by its first bytes, not its name', async () => {
    const pdf = new File(['%PDF-1.7\n…'], 'statement.pdf', { type: 'application/pdf' });
    await expect(readStatement(form(pdf))).resolves.toEqual({ file: pdf, problem: null });
    const fake = new File(['hello'], 'statement.pdf', { type: 'application/pdf' });
    await expect(readStatement(form(fake))).resolves.toEqual({ file: null, problem: 'statement_not_pdf' });
  });
  test('more than 5 MB is refused', async () => {
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.pdf');
    await expect(readStatement(form(big))).resolves.toEqual({ file: null, problem: 'statement_too_large' });
  });
});
