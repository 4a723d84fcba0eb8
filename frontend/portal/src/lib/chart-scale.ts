/**
 * Chart geometry as pure functions: scales, ticks and the shapes of the progress charts, in SVG user units.
 * The figures arrive as exact decimal strings; here, and only here, they become floats, because a bar's
 * height is a picture of a figure that the table beside it states exactly.
 */

export interface Box {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A linear map from a domain onto a range (either may run backwards, as SVG's y axis does). */
export function linear([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]) {
  const span = d1 - d0;
  return (value: number) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * Round ticks from zero to at least `max`: a step of 1, 2, 2.5 or 5 times a power of ten, about `count`
 * intervals (one fewer or one more when that wastes less room at the top), and the top the first multiple
 * of the step at or above `max`. Nothing to show still gets an axis.
 */
export function niceScale(max: number, count = 4): { max: number; step: number; ticks: number[] } {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, step: 1, ticks: [0, 1] };
  const magnitude = 10 ** Math.floor(Math.log10(max / count));
  let best: { step: number; steps: number } | undefined;
  for (const step of [1, 2, 2.5, 5, 10, 20, 25, 50].map((f) => f * magnitude)) {
    // A hair of tolerance: 10,000,000 over steps of 2,500,000 is four steps, not five.
    const steps = Math.ceil(max / step - 1e-9);
    if (steps < count - 1 || steps > count + 1) continue;
    const top = steps * step;
    const bestTop = best ? best.steps * best.step : Number.POSITIVE_INFINITY;
    // The least room wasted at the top; between equals, the count asked for.
    if (
      top < bestTop - 1e-9 ||
      (Math.abs(top - bestTop) <= 1e-9 && best && Math.abs(steps - count) < Math.abs(best.steps - count))
    ) {
      best = { step, steps };
    }
  }
  const { step, steps } = best ?? { step: 10 * magnitude, steps: Math.ceil(max / (10 * magnitude)) };
  const ticks = Array.from({ length: steps + 1 }, (_, i) => roundTo(i * step, magnitude));
  return { max: roundTo(steps * step, magnitude), step, ticks };
}

function roundTo(value: number, magnitude: number): number {
  // Steps below 1 (a few tonnes) would otherwise print 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(magnitude)) + 1);
  return Number(value.toFixed(Math.min(digits, 12)));
}

/** A tick's value as the decimal string the tonnes formatter takes. */
export const tickTonnes = (value: number) => value.toFixed(3);

/** Plain number from a decimal string, for geometry only. */
export const toNumber = (decimal: string) => Number(decimal);

export interface Point {
  x: number;
  y: number;
}

/** `M x y L x y …` through the points, rounded to 0.1 unit (smaller than any screen pixel here). */
export function linePath(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)} ${r(p.y)}`).join(' ');
}

/** A closed band: along the upper edge left to right, back along the lower edge. */
export function bandPath(points: readonly { x: number; upper: number; lower: number }[]): string {
  if (points.length < 2) return '';
  const upper = points.map((p) => ({ x: p.x, y: p.upper }));
  const lower = [...points].reverse().map((p) => ({ x: p.x, y: p.lower }));
  return `${linePath([...upper, ...lower])} Z`;
}

const r = (n: number) => Math.round(n * 10) / 10;

export interface TrajectoryLine {
  basedOnYears: number;
  slopeTonnesPerYear: string;
  projectedTonnes: string;
  targetYear: number;
  predictionIntervalTonnes: string | null;
}

/** The least-squares line's value in a year: it reads `projectedTonnes` at the target year. */
export function trendAt(trajectory: TrajectoryLine, year: number): number {
  return (
    toNumber(trajectory.projectedTonnes) + toNumber(trajectory.slopeTonnesPerYear) * (year - trajectory.targetYear)
  );
}

/**
 * Half-width of the prediction interval in any year, from its half-width at the target year. The API fits
 * the ordinary least-squares line, whose interval is t·s·√(1 + 1/n + (x − x̄)²/Sxx): t and s are the same in
 * every year, so the ratio of the square roots carries the API's figure to the other years, and the band is
 * narrowest over the middle of the reported years.
 */
export function intervalAt(
  reportedYears: readonly number[],
  targetYear: number,
  halfWidthAtTarget: number,
  year: number,
) {
  const n = reportedYears.length;
  if (n < 3) return 0;
  const mean = reportedYears.reduce((a, b) => a + b, 0) / n;
  const sxx = reportedYears.reduce((a, x) => a + (x - mean) ** 2, 0);
  if (sxx === 0) return 0;
  const spread = (x: number) => Math.sqrt(1 + 1 / n + (x - mean) ** 2 / sxx);
  return (halfWidthAtTarget * spread(year)) / spread(targetYear);
}

export interface YearFigure {
  year: number;
  achievedTonnes: string;
}

export interface TrajectoryChartInput {
  byYear: readonly YearFigure[];
  targetTonnes: string;
  targetYear: number;
  trajectory: TrajectoryLine | null;
}

export interface TrajectoryChart {
  box: Box;
  /** Horizontal grid lines with their values. */
  ticks: { value: number; y: number }[];
  years: { year: number; x: number }[];
  bars: { year: number; achievedTonnes: string; x: number; y: number; width: number; height: number; cx: number }[];
  baseline: number;
  targetY: number;
  targetX: number;
  /** The trend from the first reported year to the target year; null with fewer than two years. */
  trend: {
    path: string;
    band: string | null;
    projection: Point;
    whisker: { top: number; bottom: number } | null;
  } | null;
}

export const trajectoryBox: Box = { width: 400, height: 260, top: 22, right: 14, bottom: 28, left: 50 };

/**
 * Achieved tonnes by year as bars on a year axis that runs on to the target year, the target as a level,
 * and the least-squares trend with its prediction band up to the target year.
 */
export function trajectoryChart(input: TrajectoryChartInput, box: Box = trajectoryBox): TrajectoryChart {
  const reported = input.byYear.map((y) => y.year);
  const firstYear = Math.min(...reported, input.targetYear);
  const lastYear = Math.max(...reported, input.targetYear);
  const count = lastYear - firstYear + 1;
  const plotWidth = box.width - box.left - box.right;
  const slot = plotWidth / count;
  const xOf = (year: number) => box.left + slot * (year - firstYear + 0.5);

  const t = input.trajectory && input.trajectory.basedOnYears >= 2 ? input.trajectory : null;
  const interval = t?.predictionIntervalTonnes ? toNumber(t.predictionIntervalTonnes) : 0;
  const highest = Math.max(
    toNumber(input.targetTonnes),
    ...input.byYear.map((y) => toNumber(y.achievedTonnes)),
    t ? trendAt(t, input.targetYear) + interval : 0,
    t ? trendAt(t, firstYear) + intervalAt(reported, input.targetYear, interval, firstYear) : 0,
  );
  const scale = niceScale(highest);
  const baseline = box.height - box.bottom;
  const y = linear([0, scale.max], [baseline, box.top]);
  const barWidth = Math.min(slot * 0.6, 40);

  let trend: TrajectoryChart['trend'] = null;
  if (t) {
    const from = Math.min(...reported);
    const to = input.targetYear;
    // The band curves (narrowest mid-way): sample it every quarter year.
    const samples: number[] = [];
    for (let year = from; year <= to + 1e-9; year += 0.25) samples.push(year);
    const band =
      interval > 0
        ? bandPath(
            samples.map((year) => {
              const half = intervalAt(reported, to, interval, year);
              return {
                x: xOf(year),
                upper: y(trendAt(t, year) + half),
                lower: y(Math.max(0, trendAt(t, year) - half)),
              };
            }),
          )
        : null;
    const projected = trendAt(t, to);
    trend = {
      path: linePath([
        { x: xOf(from), y: y(trendAt(t, from)) },
        { x: xOf(to), y: y(projected) },
      ]),
      band,
      projection: { x: xOf(to), y: y(projected) },
      whisker: interval > 0 ? { top: y(projected + interval), bottom: y(Math.max(0, projected - interval)) } : null,
    };
  }

  return {
    box,
    ticks: scale.ticks.map((value) => ({ value, y: y(value) })),
    years: Array.from({ length: count }, (_, i) => ({ year: firstYear + i, x: xOf(firstYear + i) })),
    bars: input.byYear.map((figure) => {
      const top = y(toNumber(figure.achievedTonnes));
      return {
        year: figure.year,
        achievedTonnes: figure.achievedTonnes,
        x: xOf(figure.year) - barWidth / 2,
        y: top,
        width: barWidth,
        // A zero still shows as a hairline on the axis.
        height: Math.max(baseline - top, 1),
        cx: xOf(figure.year),
      };
    }),
    baseline,
    targetY: y(toNumber(input.targetTonnes)),
    targetX: xOf(input.targetYear),
    trend,
  };
}

export interface PairedRow {
  key: string;
  label: string;
  a: string;
  b: string;
}

export interface PairedBarsChart {
  width: number;
  height: number;
  rows: {
    key: string;
    label: string;
    labelY: number;
    a: { tonnes: string; x: number; y: number; width: number; height: number };
    b: { tonnes: string; x: number; y: number; width: number; height: number };
  }[];
}

export const pairedLayout = { width: 400, labelHeight: 18, barHeight: 12, barGap: 3, rowGap: 14, valueRoom: 74 };

/**
 * Two bars a row (supply and uptake, pledged and achieved) on one scale, each row's label above its bars so
 * that long names fit a phone. Room is kept right of the longest bar for its value.
 */
export function pairedBarsChart(rows: readonly PairedRow[], layout = pairedLayout): PairedBarsChart {
  const { width, labelHeight, barHeight, barGap, rowGap, valueRoom } = layout;
  const highest = Math.max(0, ...rows.flatMap((row) => [toNumber(row.a), toNumber(row.b)]));
  const length = linear([0, highest > 0 ? highest : 1], [0, width - valueRoom]);
  const rowHeight = labelHeight + barHeight * 2 + barGap + rowGap;
  const barOf = (tonnes: string, y: number) => ({
    tonnes,
    x: 0,
    y,
    // A zero is a hairline, so that the row does not look forgotten.
    width: Math.max(length(Math.max(0, toNumber(tonnes))), 1),
    height: barHeight,
  });
  return {
    width,
    height: Math.max(rows.length * rowHeight - rowGap, 1),
    rows: rows.map((row, i) => {
      const top = i * rowHeight;
      return {
        key: row.key,
        label: row.label,
        labelY: top + labelHeight - 5,
        a: barOf(row.a, top + labelHeight),
        b: barOf(row.b, top + labelHeight + barHeight + barGap),
      };
    }),
  };
}
