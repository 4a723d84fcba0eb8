import { describe, expect, it } from 'vitest';
import { countryName, formatCount, hexLines, isoDate } from './formats.ts';

describe('formats', () => {
  it('writes dates as UTC calendar dates', () => {
    expect(isoDate(new Date('2019-10-01T23:30:00Z'))).toBe('2019-10-01');
    expect(isoDate(new Date('2019-10-01T23:30:00-02:00'))).toBe('2019-10-02');
  });

  it('names countries in English, and shows an unknown code as given', () => {
    expect(countryName('GR')).toBe('Greece');
    expect(countryName('bg')).toBe('Bulgaria');
    expect(countryName('CZ')).toBe('Czechia');
    expect(countryName('1')).toBe('1');
  });

  it('groups a SHA-256 by eight, four groups a line, losing nothing', () => {
    const hex = '0123456789abcdef'.repeat(4);
    expect(hexLines(hex)).toEqual(['01234567 89abcdef 01234567 89abcdef', '01234567 89abcdef 01234567 89abcdef']);
    expect(hexLines(hex, 8).join(' ').replace(/ /g, '')).toBe(hex);
  });

  it('separates thousands', () => {
    expect(formatCount(10_000)).toBe('10,000');
    expect(formatCount(7)).toBe('7');
  });
});
