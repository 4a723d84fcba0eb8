import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  countryName,
  excerpt,
  formatCount,
  formatDate,
  formatShare,
  formatTonnes,
  formatTonnesExact,
  fromScaled,
  isoDate,
  ratio,
  shareToPercent,
  tonnesParts,
  toScaled,
} from './format';

const NBSP = '\u00a0';

describe('toScaled and fromScaled', () => {
  it('turns decimal strings into exact integers and back', () => {
    expect(toScaled('10250000.000', 3)).toBe(10250000000n);
    expect(toScaled('12.5', 3)).toBe(12500n);
    expect(toScaled('7', 0)).toBe(7n);
    expect(toScaled('-0.25', 1)).toBe(-3n);
    expect(fromScaled(12500n, 3)).toBe('12.500');
    expect(fromScaled(5n, 3)).toBe('0.005');
    expect(fromScaled(-5n, 1)).toBe('-0.5');
  });

  it('keeps figures beyond what a float holds exactly', () => {
    expect(fromScaled(toScaled('90071992547409.993', 3), 3)).toBe('90071992547409.993');
  });

  it('refuses what is not a decimal', () => {
    expect(() => toScaled('1e6', 3)).toThrow(RangeError);
    expect(() => toScaled('', 3)).toThrow(RangeError);
  });
});

describe('compareDecimal', () => {
  it('orders by value, not by text', () => {
    expect(compareDecimal('900000.000', '1000000')).toBe(-1);
    expect(compareDecimal('10.50', '10.5')).toBe(0);
    expect(compareDecimal('2', '-3')).toBe(1);
  });
});

describe('ratio', () => {
  it('divides exactly and rounds half up to the places asked', () => {
    expect(ratio('6400000.000', '10000000.000')).toBe('0.6400');
    expect(ratio('1', '3')).toBe('0.3333');
    expect(ratio('2', '3')).toBe('0.6667');
    expect(ratio('10250000.000', '10000000.000')).toBe('1.0250');
  });

  it('answers zero when there is nothing to divide by', () => {
    expect(ratio('5', '0')).toBe('0.0000');
  });
});

describe('shareToPercent', () => {
  it('gives a bar width between 0 and 100', () => {
    expect(shareToPercent('0.5432')).toBe(54.32);
    expect(shareToPercent('1.2500')).toBe(100);
    expect(shareToPercent('0')).toBe(0);
  });
});

describe('tonnesParts', () => {
  it('picks t, kt or Mt by size', () => {
    expect(tonnesParts('120.000')).toEqual({ number: '120.0', unit: 't' });
    expect(tonnesParts('900000.000')).toEqual({ number: '900.0', unit: 'kt' });
    expect(tonnesParts('10250000.000')).toEqual({ number: '10.25', unit: 'Mt' });
  });

  it('moves up a unit when rounding reaches 1000', () => {
    expect(tonnesParts('999960.000')).toEqual({ number: '1.00', unit: 'Mt' });
    expect(tonnesParts('999.970')).toEqual({ number: '1.0', unit: 'kt' });
  });
});

describe('formatTonnes', () => {
  it('writes tonnes the way people read them', () => {
    expect(formatTonnes('10000000.000', 'en')).toBe(`10${NBSP}Mt`);
    expect(formatTonnes('6400000.000', 'en')).toBe(`6.4${NBSP}Mt`);
    expect(formatTonnes('2070000.000', 'en')).toBe(`2.07${NBSP}Mt`);
    expect(formatTonnes('900000.000', 'en')).toBe(`900${NBSP}kt`);
    expect(formatTonnes('12.500', 'en')).toBe(`12.5${NBSP}t`);
    expect(formatTonnes('0.000', 'en')).toBe(`0${NBSP}t`);
  });

  it('follows the locale', () => {
    expect(formatTonnes('6400000.000', 'de')).toBe(`6,4${NBSP}Mt`);
    expect(formatTonnes('1250000.000', 'fr')).toBe(`1,25${NBSP}Mt`);
  });

  it('uses the patterns it is given', () => {
    const patterns = {
      t: (n: string) => `${n} tonnes`,
      kt: (n: string) => `${n} kilotonnes`,
      Mt: (n: string) => `${n} Mio. t`,
    };
    expect(formatTonnes('3000000', 'de', patterns)).toBe('3 Mio. t');
  });
});

describe('formatTonnesExact', () => {
  it('writes every tonne', () => {
    expect(formatTonnesExact('10250000.000', 'en')).toBe(`10,250,000${NBSP}t`);
    expect(formatTonnesExact('1234.567', 'en')).toBe(`1,234.567${NBSP}t`);
  });
});

describe('formatShare', () => {
  it('writes a fraction as a percentage with one decimal at most', () => {
    expect(formatShare('0.5432', 'en')).toBe('54.3%');
    expect(formatShare('0.4000', 'en')).toBe('40%');
    expect(formatShare('1.0250', 'en')).toBe('102.5%');
    expect(formatShare('0.5432', 'de')).toBe(`54,3${NBSP}%`);
  });
});

describe('formatCount', () => {
  it('groups digits per locale', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(1234, 'de')).toBe('1.234');
  });
});

describe('formatDate', () => {
  it('shows the UTC calendar date', () => {
    expect(formatDate('2019-09-20T23:30:00.000Z', 'en')).toBe('September 20, 2019');
    expect(formatDate('2019-09-20T23:30:00.000Z', 'en-GB')).toBe('20 September 2019');
    expect(formatDate('2025-12-31', 'de')).toBe('31. Dezember 2025');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('soon', 'en')).toThrow(RangeError);
  });

  it('gives the ISO date for <time datetime>', () => {
    expect(isoDate('2019-09-20T23:30:00.000Z')).toBe('2019-09-20');
  });
});

describe('countryName', () => {
  it('names a country in the locale', () => {
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('GR', 'de')).toBe('Griechenland');
  });
});

describe('excerpt', () => {
  it('keeps a short text whole', () => {
    expect(excerpt('We, the signatories,\n commit.', 100)).toBe('We, the signatories, commit.');
  });

  it('cuts a long text at a word boundary', () => {
    expect(excerpt('Plastics are everywhere in our economy, and recycling them is essential.', 40)).toBe(
      'Plastics are everywhere in our economy…',
    );
  });
});
