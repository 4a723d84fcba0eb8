import { describe, expect, it } from 'vitest';
import { allianceLanguages, isAllianceLanguage, parseSlug } from './alliance.ts';

describe('an alliance slug', () => {
  it.each(['circular-plastics', 'cpa', 'glass-2030', 'a1b'])('takes %s', (slug) => {
    expect(parseSlug(` ${slug} `)).toEqual({ ok: true, slug });
  });
  it.each([
    'Circular',
    'circular plastics',
    'circular--plastics',
    '-cpa',
    'cpa-',
    'ab',
    'x'.repeat(61),
    'new',
    'é-cpa',
  ])('refuses %j', (slug) => {
    expect(parseSlug(slug).ok).toBe(false);
  });
});

describe('the languages of an alliance', () => {
  it('are the 24 official languages of the EU', () => {
    expect(allianceLanguages).toHaveLength(24);
    expect(isAllianceLanguage('ga')).toBe(true);
    expect(isAllianceLanguage('EN')).toBe(false);
    expect(isAllianceLanguage('toString')).toBe(false);
  });
});
