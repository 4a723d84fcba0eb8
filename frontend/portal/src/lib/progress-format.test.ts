import { describe, expect, it } from 'vitest';
import type { TonnesPatterns } from './format';
import { formatTonnesIn, tonnesIn, trajectoryWords } from './progress-format';

const NBSP = '\u00a0';
const patterns: TonnesPatterns = { t: (n) => `${n}${NBSP}t`, kt: (n) => `${n}${NBSP}kt`, Mt: (n) => `${n}${NBSP}Mt` };

describe('tonnesIn', () => {
  it('rounds exactly into the unit asked for', () => {
    expect(tonnesIn('316424.305', 'Mt')).toBe('0.32');
    expect(tonnesIn('3888046.668', 'Mt')).toBe('3.89');
    expect(tonnesIn('6111953.332', 'Mt')).toBe('6.11');
    expect(tonnesIn('4999.999', 'kt')).toBe('5.0');
    expect(tonnesIn('12.35', 't')).toBe('12.4');
    expect(tonnesIn('-12.35', 't')).toBe('-12.4');
    expect(tonnesIn('0.004', 'Mt')).toBe('0.00');
  });
});

describe('formatTonnesIn', () => {
  it('formats in the locale, without trailing zeros', () => {
    expect(formatTonnesIn('316424.305', 'Mt', 'en', patterns)).toBe(`0.32${NBSP}Mt`);
    expect(formatTonnesIn('3000000', 'Mt', 'en', patterns)).toBe(`3${NBSP}Mt`);
    expect(formatTonnesIn('1234567.8', 't', 'de', patterns)).toBe(`1.234.567,8${NBSP}t`);
  });
});

const trajectory = {
  basedOnYears: 6,
  projectedTonnes: '6111953.332',
  targetYear: 2025,
  isOnTrack: false,
  shortfallTonnes: '3888046.668',
  predictionIntervalTonnes: '316424.305',
  confidence: 'HIGH' as const,
};
const byYear = [
  { year: 2023, achievedTonnes: '4731200.002' },
  { year: 2024, achievedTonnes: '5486699.996' },
];

describe('trajectoryWords', () => {
  it('says the projection, its uncertainty and the shortfall in one unit', () => {
    expect(trajectoryWords(trajectory, byYear, 'en', patterns)).toEqual({
      kind: 'short',
      years: 6,
      projected: `6.11${NBSP}Mt`,
      targetYear: 2025,
      interval: `0.32${NBSP}Mt`,
      shortfall: `3.89${NBSP}Mt`,
      confidence: 'HIGH',
    });
  });
  it('says when the trend reaches the target', () => {
    const words = trajectoryWords({ ...trajectory, isOnTrack: true, shortfallTonnes: '0.000' }, byYear, 'en', patterns);
    expect(words.kind).toBe('onTrack');
  });
  it('gives no interval below three years', () => {
    const words = trajectoryWords(
      { ...trajectory, basedOnYears: 2, predictionIntervalTonnes: null, confidence: 'LOW' },
      byYear,
      'en',
      patterns,
    );
    expect(words).toMatchObject({ kind: 'short', interval: null, confidence: 'LOW' });
  });
  it('draws no trend from one year, and says nothing without reports', () => {
    expect(
      trajectoryWords(
        { ...trajectory, basedOnYears: 1, predictionIntervalTonnes: null, confidence: 'NONE' },
        [{ year: 2024, achievedTonnes: '1200000' }],
        'en',
        patterns,
      ),
    ).toEqual({ kind: 'single', year: 2024, achieved: `1.2${NBSP}Mt` });
    expect(trajectoryWords(null, [], 'en', patterns)).toEqual({ kind: 'none' });
  });
});
