import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTonnes,
  kilogramsToTonnes,
  MAX_KILOGRAMS,
  MAX_TONNES,
  normaliseTonnes,
  parseTonnes,
  tonnesIn,
  tonnesParts,
  tonnesToKilograms,
} from './tonnes.ts';

const kilograms = fc.bigInt({ min: 0n, max: MAX_KILOGRAMS });

describe('parseTonnes', () => {
  it.each([
    ['0', '0.000'],
    ['0.001', '0.001'],
    ['1250.5', '1250.500'],
    [' 12.340 ', '12.340'],
    ['0012.5', '12.500'],
    ['50000000', '50000000.000'],
    ['50000000.000', '50000000.000'],
  ])('accepts %j as %s', (value, canonical) => {
    expect(parseTonnes(value)).toMatchObject({ ok: true, tonnes: canonical });
  });

  it.each([
    ['-1', 'negative'],
    ['-0.001', 'negative'],
    ['1.2345', 'decimals'],
    ['50000000.001', 'ceiling'],
    ['1e3', 'format'],
    ['', 'format'],
    ['abc', 'format'],
    ['1,5', 'format'],
    ['1 250', 'format'],
    ['+5', 'format'],
    ['.5', 'format'],
    ['5.', 'format'],
    ['١٢', 'format'],
  ])('refuses %j (%s)', (value, problem) => {
    expect(parseTonnes(value)).toMatchObject({ ok: false, problem });
  });

  it('refuses zero only where it is not allowed', () => {
    expect(parseTonnes('0.000', { isZeroAllowed: false })).toMatchObject({ ok: false, problem: 'zero' });
    expect(parseTonnes('-3', { isZeroAllowed: false })).toMatchObject({ ok: false, problem: 'zero' });
    expect(parseTonnes('-0')).toMatchObject({ ok: true, tonnes: '0.000' });
  });

  it('names the ceiling from the one constant', () => {
    const refused = parseTonnes(String(MAX_TONNES + 1));
    expect(refused.ok ? '' : refused.message).toContain('50,000,000 t');
  });

  it('round trip: every kilogram count within the ceiling, written canonically, parses back to itself', () => {
    fc.assert(
      fc.property(kilograms, (kg) => {
        const written = kilogramsToTonnes(kg);
        const parsed = parseTonnes(written);
        return parsed.ok && parsed.kilograms === kg && parsed.tonnes === written && tonnesToKilograms(written) === kg;
      }),
    );
  });

  it('round trip: leading zeros, short decimals and spaces do not change the figure', () => {
    fc.assert(
      fc.property(
        kilograms,
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        fc.constantFrom('', ' ', '\t'),
        (kg, zeros, drop, pad) => {
          const canonical = kilogramsToTonnes(kg);
          let [whole = '0', fraction = ''] = canonical.split('.');
          // Drop trailing zeros of the fraction only, so the value stays the same.
          for (let i = 0; i < drop && fraction.endsWith('0'); i++) fraction = fraction.slice(0, -1);
          const typed = `${pad}${'0'.repeat(zeros)}${whole}${fraction ? `.${fraction}` : ''}${pad}`;
          const parsed = parseTonnes(typed);
          return parsed.ok && parsed.tonnes === canonical;
        },
      ),
    );
  });

  it('beyond the ceiling is always refused, never rounded into range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MAX_KILOGRAMS + 1n, max: MAX_KILOGRAMS * 1000n }), (kg) => {
        const parsed = parseTonnes(kilogramsToTonnes(kg));
        return !parsed.ok && parsed.problem === 'ceiling';
      }),
    );
  });

  it('kilograms and tonnes convert both ways with a sign', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_KILOGRAMS, max: MAX_KILOGRAMS }), (kg) => {
        return tonnesToKilograms(kilogramsToTonnes(kg)) === kg;
      }),
    );
    expect(() => tonnesToKilograms('1.2345')).toThrow(RangeError);
  });
});

describe('normaliseTonnes', () => {
  it.each([
    ['1,250.5', '1250.5'],
    ['1 250,5', null],
    ['1,5', null],
    ['12\u202f500', '12500'],
    ['12_500', '12500'],
    ['  7 ', '7'],
  ])('%j → %j', (typed, expected) => {
    expect(normaliseTonnes(typed)).toBe(expected);
  });

  it('whatever the thousands grouping, a normalised figure parses to the same kilograms', () => {
    fc.assert(
      fc.property(kilograms, (kg) => {
        const canonical = kilogramsToTonnes(kg);
        const [whole = '0', fraction = ''] = canonical.split('.');
        const grouped = `${BigInt(whole).toLocaleString('en')}.${fraction}`;
        const normalised = normaliseTonnes(grouped);
        const parsed = normalised === null ? null : parseTonnes(normalised);
        return parsed?.ok === true && parsed.kilograms === kg;
      }),
    );
  });
});

describe('formatTonnes', () => {
  it.each([
    ['10250000.000', '10.25\u00a0Mt'],
    ['6400000', '6.4\u00a0Mt'],
    ['900000', '900\u00a0kt'],
    ['999960', '1\u00a0Mt'],
    ['640500', '640.5\u00a0kt'],
    ['12.5', '12.5\u00a0t'],
    ['999.96', '1\u00a0kt'],
    ['0', '0\u00a0t'],
    ['-316424.305', '-316.4\u00a0kt'],
  ])('%s → %j', (tonnes, shown) => {
    expect(formatTonnes(tonnes, 'en')).toBe(shown);
  });

  it('uses the locale and the given patterns', () => {
    expect(
      formatTonnes('6123456.789', 'de', { t: (n) => `${n} t`, kt: (n) => `${n} kt`, Mt: (n) => `${n} Mio. t` }),
    ).toBe('6,12 Mio. t');
  });

  it('the unit read back with its number is within half a step of the exact figure', () => {
    const steps = { t: 0.05, kt: 50, Mt: 5000 } as const;
    const factor = { t: 1, kt: 1e3, Mt: 1e6 } as const;
    fc.assert(
      fc.property(kilograms, (kg) => {
        const tonnes = kilogramsToTonnes(kg);
        const { number, unit } = tonnesParts(tonnes);
        const shown = Number(number) * factor[unit];
        return Math.abs(shown - Number(tonnes)) <= steps[unit] * 1.0001 && (unit === 'Mt' || Number(number) < 1000);
      }),
    );
  });

  it('tonnesIn rounds half away from zero', () => {
    expect(tonnesIn('316424.305', 'Mt')).toBe('0.32');
    expect(tonnesIn('5000', 'Mt')).toBe('0.01');
    expect(tonnesIn('-5000', 'Mt')).toBe('-0.01');
    expect(tonnesIn('-4999', 'Mt')).toBe('0.00');
  });
});
