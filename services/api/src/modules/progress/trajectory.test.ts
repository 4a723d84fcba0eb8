import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kgToTonnes, tonnesToKg } from './decimal.ts';
import { fitTrajectory } from './trajectory.ts';

const tonnes = fc.bigInt({ min: 0n, max: 20_000_000_000n }).map(kgToTonnes);

describe('fitTrajectory', () => {
  it('reads a perfectly linear series exactly, to the kilogram', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2020 }),
        fc.integer({ min: 2, max: 8 }),
        fc.bigInt({ min: 0n, max: 5_000_000_000n }),
        fc.bigInt({ min: -200_000_000n, max: 200_000_000n }),
        (start, years, baseKg, stepKg) => {
          const points = Array.from({ length: years }, (_, i) => ({
            year: start + i,
            tonnes: kgToTonnes(baseKg + stepKg * BigInt(i) + 300_000_000_000n),
          }));
          const target = start + years + 3;
          const fit = fitTrajectory(points, target, '10000000.000');
          const expected = baseKg + stepKg * BigInt(target - start) + 300_000_000_000n;
          expect(fit?.projectedTonnes).toBe(kgToTonnes(expected));
          expect(fit?.slopeTonnesPerYear).toBe(kgToTonnes(stepKg));
          if (years >= 3) expect(fit?.predictionIntervalTonnes).toBe('0.000');
        },
      ),
    );
  });

  it('moves the projection by exactly the amount every year moves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ tonnes }), { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 0n, max: 1_000_000_000n }),
        (values, shiftKg) => {
          const points = values.map((v, i) => ({ year: 2019 + i, tonnes: v.tonnes }));
          const shifted = points.map((p) => ({ ...p, tonnes: kgToTonnes(tonnesToKg(p.tonnes) + shiftKg) }));
          const a = fitTrajectory(points, 2030, '10000000.000');
          const b = fitTrajectory(shifted, 2030, '10000000.000');
          // Rounding to the kilogram happens once per fit: at most one kilogram apart.
          const difference = tonnesToKg(b?.projectedTonnes ?? '0') - tonnesToKg(a?.projectedTonnes ?? '0') - shiftKg;
          expect(difference >= -1n && difference <= 1n).toBe(true);
        },
      ),
    );
  });

  it('does not depend on the order the years come in', () => {
    fc.assert(
      fc.property(fc.array(tonnes, { minLength: 1, maxLength: 8 }), (values) => {
        const points = values.map((t, i) => ({ year: 2017 + i, tonnes: t }));
        expect(fitTrajectory([...points].reverse(), 2025, '1.000')).toEqual(fitTrajectory(points, 2025, '1.000'));
      }),
    );
  });

  it('says on track exactly when the projection reaches the target, and the shortfall otherwise', () => {
    const rising = [
      { year: 2022, tonnes: '8000000.000' },
      { year: 2023, tonnes: '9000000.000' },
      { year: 2024, tonnes: '9500000.000' },
    ];
    const fit = fitTrajectory(rising, 2025, '10000000.000');
    expect(fit?.isOnTrack).toBe(true);
    expect(fit?.shortfallTonnes).toBe('0.000');
    const slow = fitTrajectory(rising, 2025, '12000000.000');
    expect(slow?.isOnTrack).toBe(false);
    expect(tonnesToKg(slow?.shortfallTonnes ?? '0')).toBe(
      tonnesToKg('12000000.000') - tonnesToKg(slow?.projectedTonnes ?? '0'),
    );
  });

  it('says how little one or two years tell', () => {
    expect(fitTrajectory([], 2025, '1.000')).toBeNull();
    const one = fitTrajectory([{ year: 2024, tonnes: '5.000' }], 2025, '10.000');
    expect(one).toMatchObject({
      basedOnYears: 1,
      confidence: 'none',
      projectedTonnes: '5.000',
      predictionIntervalTonnes: null,
    });
    const two = fitTrajectory(
      [
        { year: 2023, tonnes: '4.000' },
        { year: 2024, tonnes: '5.000' },
      ],
      2025,
      '10.000',
    );
    expect(two).toMatchObject({ basedOnYears: 2, confidence: 'low', projectedTonnes: '6.000' });
  });
});
