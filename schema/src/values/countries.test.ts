import { CountryCodeResolver } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_NAMES,
  countryCodes,
  countryName,
  EU_MEMBER_STATES,
  isEuMemberState,
  parseCountryCode,
} from './countries.ts';

describe('countries', () => {
  it('holds every ISO 3166-1 alpha-2 code: the 249 assigned ones, nothing user-assigned', () => {
    expect(countryCodes).toHaveLength(249);
    expect(countryCodes).not.toContain('XK');
    expect(countryCodes).not.toContain('EU');
    // graphql-scalars' list is ISO 3166-1 plus XK: every code of it but XK is here, and nothing else.
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    const theirs = letters.flatMap((a) =>
      letters
        .map((b) => a + b)
        .filter((code) => {
          try {
            CountryCodeResolver.parseValue(code);
            return true;
          } catch {
            return false;
          }
        }),
    );
    expect(countryCodes).toEqual(theirs.filter((code) => code !== 'XK'));
  });

  it('has an English name for each, and the EU-27 as a subset', () => {
    expect(Object.values(COUNTRY_NAMES).every((name) => name.length > 2)).toBe(true);
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(EU_MEMBER_STATES.every((code) => code in COUNTRY_NAMES)).toBe(true);
    expect(['GB', 'NO', 'CH', 'IS'].some(isEuMemberState)).toBe(false);
    expect(countryName('pl')).toBe('Poland');
    expect(countryName('GB')).toBe('United Kingdom');
    expect(countryName('ZZ')).toBe('ZZ');
  });

  it('takes lower case as upper case and refuses the rest with a message', () => {
    expect(parseCountryCode('be')).toEqual({ ok: true, code: 'BE' });
    expect(parseCountryCode('No')).toEqual({ ok: true, code: 'NO' });
    for (const bad of ['', 'B', 'BEL', 'XK', 'ZZ', ' be', 'ß', 'ıt', '12', 'b\u0000']) {
      const result = parseCountryCode(bad);
      expect(result.ok, bad).toBe(false);
      expect(result.ok ? '' : result.message).toContain('ISO 3166-1');
    }
  });
});
