import { describe, expect, it } from 'vitest';
import { countryName, formatCount, formatMass, formatShare, formatTonnes, hexLines, isoDate } from './formats.ts';

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

  it('shows exact tonnes with three decimals and separated thousands, rounding nothing', () => {
    expect(formatTonnes('6400000.25')).toBe('6,400,000.250');
    expect(formatTonnes('1234567890.123')).toBe('1,234,567,890.123');
    expect(formatTonnes('-2500')).toBe('-2,500.000');
    expect(formatTonnes('0.000')).toBe('0.000');
    expect(formatTonnes('-0.000')).toBe('0.000');
    expect(formatTonnes('999.999')).toBe('999.999');
  });

  it('rounds tonnes for reading as Mt, kt or t', () => {
    expect(formatMass('6123456.789')).toBe('6.12 Mt');
    expect(formatMass('10000000')).toBe('10 Mt');
    expect(formatMass('999960')).toBe('1 Mt');
    expect(formatMass('640500')).toBe('640.5 kt');
    expect(formatMass('-1500')).toBe('-1.5 kt');
    expect(formatMass('12.5')).toBe('12.5 t');
    expect(formatMass(0)).toBe('0 t');
  });

  it('turns a 4-decimal fraction into a percentage exactly', () => {
    expect(formatShare('0.5432')).toBe('54.32 %');
    expect(formatShare('0.0500')).toBe('5.00 %');
    expect(formatShare('1.2345')).toBe('123.45 %');
    expect(formatShare('0.0000')).toBe('0.00 %');
  });
});
