import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { isUuid } from '../../lib/validate.ts';
import { parseWorkingGroupInput, type WorkingGroupInput } from './working-group-input.ts';

const input = (overrides: Partial<WorkingGroupInput> = {}): WorkingGroupInput => ({
  slug: 'design-for-recycling',
  name: 'Design for recycling',
  kind: 'horizontal',
  mandate: 'Agree design-for-recycling guidelines.',
  relevantStages: ['recycler', 'converter'],
  ...overrides,
});

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.field;
    throw error;
  }
  return undefined;
}

describe('parseWorkingGroupInput', () => {
  it('trims text, keeps each stage once in the value chain’s order and leaves an absent status unset', () => {
    expect(
      parseWorkingGroupInput(
        input({ name: '  Design  ', relevantStages: ['research', 'polymer_producer', 'research'], status: null }),
      ),
    ).toEqual({
      slug: 'design-for-recycling',
      name: 'Design',
      kind: 'horizontal',
      mandate: 'Agree design-for-recycling guidelines.',
      status: undefined,
      relevantStages: ['polymer_producer', 'research'],
    });
  });

  it.each([
    ['', 'input.slug'],
    ['Packaging', 'input.slug'],
    ['pack aging', 'input.slug'],
    ['-packaging', 'input.slug'],
    ['packaging-', 'input.slug'],
    ['pack--aging', 'input.slug'],
    ['pack_aging', 'input.slug'],
    ['a'.repeat(61), 'input.slug'],
    // The portal's page for a new group.
    ['new', 'input.slug'],
  ])('refuses the slug %j', (slug, field) => {
    expect(fieldOf(() => parseWorkingGroupInput(input({ slug })))).toBe(field);
  });

  it.each(['a', 'a1', 'eee-2', 'design-for-recycling', 'a'.repeat(60)])('accepts the slug %j', (slug) => {
    expect(fieldOf(() => parseWorkingGroupInput(input({ slug })))).toBeUndefined();
  });

  it('names the field at fault for the name, the mandate and the stages', () => {
    expect(fieldOf(() => parseWorkingGroupInput(input({ name: ' ' })))).toBe('input.name');
    expect(fieldOf(() => parseWorkingGroupInput(input({ name: 'n'.repeat(201) })))).toBe('input.name');
    expect(fieldOf(() => parseWorkingGroupInput(input({ mandate: '' })))).toBe('input.mandate');
    expect(fieldOf(() => parseWorkingGroupInput(input({ mandate: 'm'.repeat(4001) })))).toBe('input.mandate');
    expect(fieldOf(() => parseWorkingGroupInput(input({ relevantStages: [] })))).toBe('input.relevantStages');
  });
});

describe('isUuid', () => {
  it('tells ids from other text', () => {
    expect(isUuid('0190a0b0-0000-7000-8000-000000000000')).toBe(true);
    expect(isUuid('not-an-id')).toBe(false);
    expect(isUuid("0190a0b0-0000-7000-8000-000000000000' or 1=1")).toBe(false);
  });
});
