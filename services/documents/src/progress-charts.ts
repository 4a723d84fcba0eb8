/**
 * The progress report's charts, drawn as vectors (paths and text, no images): they stay sharp at any zoom,
 * print small, and their labels remain text. Each chart is drawn inside a tagged Figure with alternative text
 * by the caller, and followed by a table of the same figures.
 */
import type { ProgressPolymerGapFigures, ProgressTrajectoryFigures, ProgressYearFigures } from './document-data.ts';
import { formatMass } from './formats.ts';
import { documentMessages } from './locales/index.ts';
import { applyStyle, COLOR, type TextStyle } from './page-style.ts';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const CHART_COLOR = {
  achieved: COLOR.accent,
  supply: COLOR.accent,
  // Light fill with a dark outline: told apart from the solid supply bar in colour, in grey and in print.
  uptakeFill: '#f0b429',
  uptakeStroke: '#8d2b0b',
  trend: COLOR.ink,
  target: '#b42318',
  grid: '#e4e7eb',
} as const;

const AXIS: TextStyle = { face: 'regular', size: 7.5, color: COLOR.muted };
const LEGEND: TextStyle = { face: 'regular', size: 8, color: COLOR.ink };

/** A round step for about `count` ticks up to `max`: 1, 2 or 5 times a power of ten. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? 10 * power;
}

const tickLabel = (value: number, language: string) => (value === 0 ? '0' : formatMass(value, language));

export interface ProgressChartData {
  byYear: readonly ProgressYearFigures[];
  targetTonnes: string;
  targetYear: number;
  trajectory: ProgressTrajectoryFigures | null;
  /** The language of the labels and figures. */
  language: string;
}

/** The value of the trend line in `year`: projected at the target year, less the slope for each year before. */
export function trendAt(trajectory: ProgressTrajectoryFigures, year: number): number {
  return Number(trajectory.projectedTonnes) - Number(trajectory.slopeTonnesPerYear) * (trajectory.targetYear - year);
}

export const PROGRESS_CHART_HEIGHT = 210;

/**
 * Achieved tonnes by year as bars, the target as a dashed line, the least-squares trend from the first
 * reported year to the target year, and its prediction interval at the target year as an error bar.
 */
export function drawProgressChart(doc: PDFKit.PDFDocument, box: ChartBox, data: ProgressChartData): void {
  const { byYear, trajectory, language } = data;
  const t = documentMessages(language);
  const target = Number(data.targetTonnes);
  const firstYear = Math.min(data.targetYear, ...byYear.map((y) => y.year));
  const lastYear = Math.max(data.targetYear, ...byYear.map((y) => y.year));
  const interval = trajectory?.predictionIntervalTonnes ? Number(trajectory.predictionIntervalTonnes) : 0;
  const projected = trajectory ? Number(trajectory.projectedTonnes) : 0;
  const top = Math.max(
    target,
    ...byYear.map((y) => Number(y.achievedTonnes)),
    trajectory ? projected + interval : 0,
    trajectory ? trendAt(trajectory, firstYear) : 0,
  );
  const step = niceStep(top * 1.05);
  const yMax = Math.ceil((top * 1.05) / step) * step || 1;

  const plot = { x: box.x + 52, y: box.y + 6, width: box.width - 52 - 4, height: box.height - 6 - 46 };
  const slots = lastYear - firstYear + 1;
  const slot = plot.width / slots;
  const xOf = (year: number) => plot.x + (year - firstYear + 0.5) * slot;
  const yOf = (tonnes: number) => plot.y + plot.height - (Math.max(0, Math.min(tonnes, yMax)) / yMax) * plot.height;

  // Grid and y axis labels.
  applyStyle(doc, AXIS);
  for (let value = 0; value <= yMax + step / 2; value += step) {
    const y = yOf(value);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.5)
      .stroke(value === 0 ? COLOR.muted : CHART_COLOR.grid);
    const label = tickLabel(value, language);
    doc.text(label, plot.x - 6 - doc.widthOfString(label), y - 3.5, { lineBreak: false });
  }

  // Bars of the reported years.
  const barWidth = Math.min(28, slot * 0.6);
  for (const year of byYear) {
    const y = yOf(Number(year.achievedTonnes));
    const height = plot.y + plot.height - y;
    if (height > 0) doc.rect(xOf(year.year) - barWidth / 2, y, barWidth, height).fill(CHART_COLOR.achieved);
  }

  // Year labels, every one while they fit, else every other.
  const every = slot < 26 ? 2 : 1;
  applyStyle(doc, AXIS);
  for (let year = firstYear; year <= lastYear; year++) {
    if ((year - firstYear) % every !== 0 && year !== data.targetYear) continue;
    const label = String(year);
    doc.text(label, xOf(year) - doc.widthOfString(label) / 2, plot.y + plot.height + 4, { lineBreak: false });
  }

  // The target, dashed, labelled at its right end.
  const targetY = yOf(target);
  doc
    .moveTo(plot.x, targetY)
    .lineTo(plot.x + plot.width, targetY)
    .lineWidth(1)
    .dash(4, { space: 3 })
    .stroke(CHART_COLOR.target)
    .undash();
  applyStyle(doc, { ...AXIS, color: CHART_COLOR.target });
  const targetLabel = t('progress_chart_target', { tonnes: formatMass(target, language), year: data.targetYear });
  doc.text(targetLabel, plot.x + plot.width - doc.widthOfString(targetLabel) - 2, targetY - 10, { lineBreak: false });

  if (trajectory) {
    // Clipped to the plot: a falling trend may reach below zero.
    doc.save();
    doc.rect(plot.x, plot.y, plot.width, plot.height).clip();
    doc
      .moveTo(xOf(trajectory.firstYear), yOf(trendAt(trajectory, trajectory.firstYear)))
      .lineTo(xOf(trajectory.targetYear), yOf(projected))
      .lineWidth(1.5)
      .stroke(CHART_COLOR.trend);
    if (interval > 0) {
      const x = xOf(trajectory.targetYear);
      const [low, high] = [yOf(projected - interval), yOf(projected + interval)];
      doc.moveTo(x, low).lineTo(x, high).lineWidth(1).stroke(CHART_COLOR.trend);
      doc
        .moveTo(x - 5, low)
        .lineTo(x + 5, low)
        .moveTo(x - 5, high)
        .lineTo(x + 5, high)
        .stroke(CHART_COLOR.trend);
    }
    doc.circle(xOf(trajectory.targetYear), yOf(projected), 3).fill(CHART_COLOR.trend);
    doc.restore();
  }

  // Legend.
  let x = plot.x;
  const legendY = box.y + box.height - 14;
  const legendText = (text: string) => {
    applyStyle(doc, LEGEND);
    doc.text(text, x, legendY, { lineBreak: false });
    x += doc.widthOfString(text) + 16;
  };
  doc.rect(x, legendY + 1, 9, 7).fill(CHART_COLOR.achieved);
  x += 13;
  legendText(t('progress_legend_achieved'));
  doc
    .moveTo(x, legendY + 4.5)
    .lineTo(x + 16, legendY + 4.5)
    .lineWidth(1.5)
    .stroke(CHART_COLOR.trend);
  x += 20;
  legendText(t(interval > 0 ? 'progress_legend_trend_interval' : 'progress_legend_trend'));
  doc
    .moveTo(x, legendY + 4.5)
    .lineTo(x + 16, legendY + 4.5)
    .lineWidth(1)
    .dash(4, { space: 3 })
    .stroke(CHART_COLOR.target)
    .undash();
  x += 20;
  legendText(t('progress_legend_target'));
}

const GAP_ROW = 22;
const GAP_BAR = 8;

export function gapChartHeight(polymers: number): number {
  return 6 + polymers * GAP_ROW + 40;
}

/** Pledged supply and uptake of each polymer as a pair of horizontal bars, on one scale. */
export function drawGapChart(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  gaps: readonly ProgressPolymerGapFigures[],
  language = 'en',
): void {
  const t = documentMessages(language);
  const top = Math.max(1, ...gaps.flatMap((g) => [Number(g.supplyTonnes), Number(g.uptakeTonnes)]));
  const step = niceStep(top, 4);
  const xMax = Math.ceil(top / step) * step;
  const plot = { x: box.x + 52, y: box.y + 6, width: box.width - 52 - 30, height: gaps.length * GAP_ROW };
  const xOf = (tonnes: number) => plot.x + (Math.max(0, tonnes) / xMax) * plot.width;

  applyStyle(doc, AXIS);
  for (let value = 0; value <= xMax + step / 2; value += step) {
    const x = xOf(value);
    doc
      .moveTo(x, plot.y)
      .lineTo(x, plot.y + plot.height)
      .lineWidth(0.5)
      .stroke(value === 0 ? COLOR.muted : CHART_COLOR.grid);
    const label = tickLabel(value, language);
    doc.text(label, x - doc.widthOfString(label) / 2, plot.y + plot.height + 4, { lineBreak: false });
  }

  gaps.forEach((gap, i) => {
    const rowTop = plot.y + i * GAP_ROW + (GAP_ROW - 2 * GAP_BAR - 1) / 2;
    applyStyle(doc, LEGEND);
    doc.text(gap.polymer, box.x, rowTop + GAP_BAR - 4, { lineBreak: false, width: 48 });
    const supply = xOf(Number(gap.supplyTonnes)) - plot.x;
    const uptake = xOf(Number(gap.uptakeTonnes)) - plot.x;
    if (supply > 0) doc.rect(plot.x, rowTop, supply, GAP_BAR).fill(CHART_COLOR.supply);
    if (uptake > 0) {
      doc
        .rect(plot.x, rowTop + GAP_BAR + 1, uptake, GAP_BAR)
        .lineWidth(0.75)
        .fillAndStroke(CHART_COLOR.uptakeFill, CHART_COLOR.uptakeStroke);
    }
  });

  let x = plot.x;
  const legendY = box.y + box.height - 14;
  doc.rect(x, legendY + 1, 9, 7).fill(CHART_COLOR.supply);
  x += 13;
  applyStyle(doc, LEGEND);
  const supplyLegend = t('progress_legend_supply');
  doc.text(supplyLegend, x, legendY, { lineBreak: false });
  x += doc.widthOfString(supplyLegend) + 16;
  doc
    .rect(x, legendY + 1, 9, 7)
    .lineWidth(0.75)
    .fillAndStroke(CHART_COLOR.uptakeFill, CHART_COLOR.uptakeStroke);
  x += 13;
  applyStyle(doc, LEGEND);
  doc.text(t('progress_legend_uptake'), x, legendY, { lineBreak: false });
}
