import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { type PledgeInput, parsePledgeInput } from './pledge-input.ts';

const input = (overrides: Partial<PledgeInput> = {}): PledgeInput => ({
  kind: 'supply',
  polymer: 'PET',
  sector: 'packaging',
  tonnesPerYear: '1250.5',
  targetYear: 2030,
  baselineTonnes: '400',
  baselineYear: 2020,
  conditions: '  Subject to supply.  ',
  workingGroupSlug: ' packaging ',
  ...overrides,
});

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.field;
    throw error;
  }
  return undefined;
}

describe(parsePledgeInput.name, () => {
  it('returns canonical figures: exact tonnes with 3 decimals, trimmed texts', () => {
    expect(parsePledgeInput(input({ tonnesPerYear: '0012.5' }), 'input.pledge')).toEqual({
      kind: 'supply',
      polymer: 'PET',
      sector: 'packaging',
      tonnesPerYear: '12.500',
      targetYear: 2030,
      baselineTonnes: '400.000',
      baselineYear: 2020,
      conditions: 'Subject to supply.',
      workingGroupSlug: 'packaging',
    });
  });

  it('treats blank texts as none', () => {
    const figures = parsePledgeInput(input({ conditions: '   ', workingGroupSlug: '' }), 'pledge');
    expect(figures).toMatchObject({ conditions: null, workingGroupSlug: null });
  });

  it.each([
    ['0', 'tonnesPerYear'],
    ['0.000', 'tonnesPerYear'],
    ['-1', 'tonnesPerYear'],
    ['1.0001', 'tonnesPerYear'],
    ['50000000.001', 'tonnesPerYear'],
    ['1e3', 'tonnesPerYear'],
  ])('refuses %s tonnes', (tonnesPerYear, field) => {
    expect(fieldOf(() => parsePledgeInput(input({ tonnesPerYear }), 'pledge'))).toBe(`pledge.${field}`);
  });

  it.each([
    [{ targetYear: 1999, baselineYear: null, baselineTonnes: null }, 'targetYear'],
    [{ targetYear: 2101 }, 'targetYear'],
    [{ targetYear: 2019, baselineYear: 2020 }, 'targetYear'],
    [{ baselineYear: 1989 }, 'baselineYear'],
    [{ baselineYear: null }, 'baselineYear'],
    [{ baselineTonnes: null }, 'baselineTonnes'],
    [{ baselineTonnes: '-0.001' }, 'baselineTonnes'],
    [{ conditions: 'x'.repeat(4001) }, 'conditions'],
    [{ conditions: 'a\u0000b' }, 'conditions'],
    [{ conditions: 'lone \uD800 surrogate' }, 'conditions'],
    [{ polymer: 'PLA' as PledgeInput['polymer'] }, 'polymer'],
  ])('refuses %o, naming %s', (overrides, field) => {
    expect(fieldOf(() => parsePledgeInput(input(overrides), 'input.pledge'))).toBe(`input.pledge.${field}`);
  });

  it('counts characters, not UTF-16 units: 4000 emoji are allowed', () => {
    expect(parsePledgeInput(input({ conditions: '🙂'.repeat(4000) }), 'pledge').conditions).toHaveLength(8000);
  });

  it('accepts the bounds: 0.001 t, 50 Mt, a zero baseline, a target in the baseline year', () => {
    expect(parsePledgeInput(input({ tonnesPerYear: '0.001' }), 'p').tonnesPerYear).toBe('0.001');
    const edge = parsePledgeInput(
      input({ tonnesPerYear: '50000000', baselineTonnes: '0', baselineYear: 2030, targetYear: 2030 }),
      'p',
    );
    expect(edge).toMatchObject({ tonnesPerYear: '50000000.000', baselineTonnes: '0.000' });
  });
});
