import { describe, expect, it } from 'vitest';
import {
  bandPath,
  intervalAt,
  linear,
  linePath,
  niceScale,
  pairedBarsChart,
  tickTonnes,
  trajectoryBox,
  trajectoryChart,
  trendAt,
} from './chart-scale';

describe('linear', () => {
  it('maps a domain onto a range, also onto a reversed one as SVG y runs', () => {
    const y = linear([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
  });
  it('maps an empty domain onto the start of the range', () => {
    expect(linear([5, 5], [0, 100])(5)).toBe(0);
  });
});

describe('niceScale', () => {
  it('picks round steps and a top at or above the maximum', () => {
    expect(niceScale(10_000_000)).toEqual({
      max: 10_000_000,
      step: 2_500_000,
      ticks: [0, 2_500_000, 5_000_000, 7_500_000, 10_000_000],
    });
    expect(niceScale(10_400_000).max).toBe(12_500_000);
    expect(niceScale(6_111_953)).toMatchObject({ max: 7_500_000, step: 2_500_000 });
    expect(niceScale(7).ticks).toEqual([0, 2.5, 5, 7.5]);
  });
  it('prints small steps without float noise', () => {
    expect(niceScale(0.9).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('still draws an axis for nothing at all', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(Number.NaN).max).toBe(1);
  });
  it('covers the maximum, with at most about twice the ticks asked for', () => {
    for (const max of [1, 3, 17, 99, 1234, 56_789, 2_013_400, 9_999_999, 10_000_001]) {
      const scale = niceScale(max);
      expect(scale.max).toBeGreaterThanOrEqual(max);
      expect(scale.ticks.length).toBeLessThanOrEqual(9);
      expect(scale.ticks.at(-1)).toBe(scale.max);
    }
  });
});

describe('tickTonnes', () => {
  it('writes a tick as the decimal string the formatter takes', () => {
    expect(tickTonnes(2_500_000)).toBe('2500000.000');
    expect(tickTonnes(0.25)).toBe('0.250');
  });
});

describe('paths', () => {
  it('draws a line through points, rounded to a tenth', () => {
    expect(
      linePath([
        { x: 0, y: 1.04 },
        { x: 10.26, y: 5 },
      ]),
    ).toBe('M0 1 L10.3 5');
  });
  it('closes a band along the upper edge and back along the lower one', () => {
    expect(
      bandPath([
        { x: 0, upper: 1, lower: 3 },
        { x: 10, upper: 0, lower: 4 },
      ]),
    ).toBe('M0 1 L10 0 L10 4 L0 3 Z');
    expect(bandPath([{ x: 0, upper: 1, lower: 2 }])).toBe('');
  });
});

// The demo alliance: six reported years toward 10 Mt in 2025, as the API computes them.
const demo = {
  byYear: [
    { year: 2019, achievedTonnes: '2013399.998' },
    { year: 2020, achievedTonnes: '2587900.001' },
    { year: 2021, achievedTonnes: '3262300.005' },
    { year: 2022, achievedTonnes: '3918600.000' },
    { year: 2023, achievedTonnes: '4731200.002' },
    { year: 2024, achievedTonnes: '5486699.996' },
  ],
  targetTonnes: '10000000.000',
  targetYear: 2025,
  trajectory: {
    basedOnYears: 6,
    slopeTonnesPerYear: '698648.571',
    projectedTonnes: '6111953.332',
    targetYear: 2025,
    predictionIntervalTonnes: '316424.305',
  },
};

describe('trendAt and intervalAt', () => {
  it('reads the line at any year from its value at the target year', () => {
    expect(trendAt(demo.trajectory, 2025)).toBeCloseTo(6_111_953.332, 3);
    expect(trendAt(demo.trajectory, 2024)).toBeCloseTo(6_111_953.332 - 698_648.571, 3);
  });
  it('gives the API half-width at the target year, and a narrower band mid-way', () => {
    const years = demo.byYear.map((y) => y.year);
    expect(intervalAt(years, 2025, 316_424, 2025)).toBeCloseTo(316_424, 6);
    const middle = intervalAt(years, 2025, 316_424, 2021.5);
    expect(middle).toBeLessThan(intervalAt(years, 2025, 316_424, 2019));
    expect(middle).toBeLessThan(316_424);
    // Symmetric around the mean year.
    expect(intervalAt(years, 2025, 316_424, 2019)).toBeCloseTo(intervalAt(years, 2025, 316_424, 2024), 6);
  });
  it('has no band below three years', () => {
    expect(intervalAt([2023, 2024], 2025, 100, 2025)).toBe(0);
  });
});

describe('trajectoryChart', () => {
  const chart = trajectoryChart(demo);

  it('runs the year axis from the first report to the target year', () => {
    expect(chart.years.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(chart.bars.map((b) => b.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
  });

  it('keeps every shape inside the plot', () => {
    const { box } = chart;
    for (const bar of chart.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(box.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(box.width - box.right);
      expect(bar.y).toBeGreaterThanOrEqual(box.top);
      expect(bar.y + bar.height).toBeCloseTo(chart.baseline, 6);
    }
    expect(chart.targetY).toBeGreaterThanOrEqual(box.top);
  });

  it('draws taller bars for more tonnes, on the same scale as the target', () => {
    const heights = chart.bars.map((b) => b.height);
    expect([...heights].sort((a, b) => a - b)).toEqual(heights);
    const plot = chart.baseline - (chart.ticks.at(-1)?.y ?? 0);
    const top = chart.ticks.at(-1)?.value ?? 1;
    expect(chart.bars[5]?.height).toBeCloseTo((5_486_699.996 / top) * plot, 6);
    expect(chart.baseline - chart.targetY).toBeCloseTo((10_000_000 / top) * plot, 6);
  });

  it('ends the trend at the projection, with its whisker the interval wide', () => {
    const trend = chart.trend;
    expect(trend).not.toBeNull();
    if (!trend) return;
    const last = chart.years.at(-1);
    expect(trend.projection.x).toBeCloseTo(last?.x ?? 0, 6);
    const perTonne = (chart.baseline - chart.targetY) / 10_000_000;
    expect(chart.baseline - trend.projection.y).toBeCloseTo(6_111_953.332 * perTonne, 6);
    expect((trend.whisker?.bottom ?? 0) - (trend.whisker?.top ?? 0)).toBeCloseTo(2 * 316_424.305 * perTonne, 6);
    expect(trend.band).toMatch(/^M.* Z$/);
  });

  it('draws no trend from one year, and no band without an interval', () => {
    const one = trajectoryChart({
      ...demo,
      byYear: [{ year: 2024, achievedTonnes: '100.000' }],
      trajectory: { ...demo.trajectory, basedOnYears: 1, predictionIntervalTonnes: null },
    });
    expect(one.trend).toBeNull();
    const two = trajectoryChart({
      ...demo,
      byYear: demo.byYear.slice(0, 2),
      trajectory: { ...demo.trajectory, basedOnYears: 2, predictionIntervalTonnes: null },
    });
    expect(two.trend?.band).toBeNull();
    expect(two.trend?.whisker).toBeNull();
  });

  it('reaches back to a target year before the reports', () => {
    const early = trajectoryChart({ ...demo, targetYear: 2017, trajectory: null });
    expect(early.years[0]?.year).toBe(2017);
    expect(early.targetX).toBeCloseTo(early.years[0]?.x ?? 0, 6);
  });

  it('fits its box', () => {
    expect(chart.box).toEqual(trajectoryBox);
  });
});

describe('pairedBarsChart', () => {
  const rows = [
    { key: 'PET', label: 'PET', a: '2069460.130', b: '1600479.745' },
    { key: 'PP', label: 'PP', a: '869690.508', b: '899785.036' },
    { key: 'PC', label: 'PC', a: '0.000', b: '0.000' },
  ];
  const chart = pairedBarsChart(rows);

  it('gives each row a label and two bars beneath it, in order', () => {
    expect(chart.rows.map((r) => r.key)).toEqual(['PET', 'PP', 'PC']);
    for (const row of chart.rows) {
      expect(row.labelY).toBeLessThan(row.a.y);
      expect(row.a.y + row.a.height).toBeLessThanOrEqual(row.b.y);
    }
    const [first, second] = chart.rows;
    expect((first?.b.y ?? 0) + (first?.b.height ?? 0)).toBeLessThan(second?.labelY ?? 0);
    expect(chart.height).toBeGreaterThanOrEqual((chart.rows.at(-1)?.b.y ?? 0) + (chart.rows.at(-1)?.b.height ?? 0));
  });

  it('scales every bar to the largest figure and leaves room for the value', () => {
    expect(chart.rows[0]?.a.width).toBeCloseTo(400 - 74, 6);
    expect(chart.rows[0]?.b.width).toBeCloseTo((1_600_479.745 / 2_069_460.13) * (400 - 74), 6);
    expect(chart.rows[2]?.a.width).toBe(1);
  });

  it('draws hairlines when everything is zero', () => {
    const empty = pairedBarsChart([{ key: 'x', label: 'x', a: '0', b: '0' }]);
    expect(empty.rows[0]?.a.width).toBe(1);
    expect(pairedBarsChart([]).height).toBe(1);
  });
});
