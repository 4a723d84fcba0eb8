import { describe, expect, test } from 'vitest';
import { barPercent, totalsByPolymer } from './pledge-totals';

describe('totalsByPolymer', () => {
  test('puts supply and uptake of a polymer side by side, in the given order, summing exactly', () => {
    const result = totalsByPolymer(
      [
        { kind: 'UPTAKE', polymer: 'PET', tonnesPerYear: '0.1', pledgeCount: 1 },
        { kind: 'SUPPLY', polymer: 'PP', tonnesPerYear: '171320.000', pledgeCount: 2 },
        { kind: 'SUPPLY', polymer: 'PET', tonnesPerYear: '0.2', pledgeCount: 3 },
      ],
      ['PET', 'PP'],
    );
    expect(result.rows).toEqual([
      { polymer: 'PET', supplyTonnes: '0.200', supplyCount: 3, uptakeTonnes: '0.100', uptakeCount: 1 },
      { polymer: 'PP', supplyTonnes: '171320.000', supplyCount: 2, uptakeTonnes: '0.000', uptakeCount: 0 },
    ]);
    expect(result.supplyTonnes).toBe('171320.200');
    expect(result.uptakeTonnes).toBe('0.100');
    expect(result.supplyCount).toBe(5);
    expect(result.largestTonnes).toBe('171320.000');
  });
  test('nothing pledged: no rows, zero totals', () => {
    const result = totalsByPolymer([], ['PET']);
    expect(result.rows).toEqual([]);
    expect(result.largestTonnes).toBe('0.000');
    expect(barPercent('0.000', result.largestTonnes)).toBe(0);
  });
});

describe('barPercent', () => {
  test('scales to the largest figure', () => {
    expect(barPercent('50', '200')).toBe(25);
    expect(barPercent('200', '200')).toBe(100);
  });
});
