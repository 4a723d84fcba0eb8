import type { ProgressReportData, ProgressTrajectoryFigures } from './document-data.ts';
import { formatCount, formatMass, formatShare, formatTonnes, isoDate } from './formats.ts';
import { PageFurniture } from './page-furniture.ts';
import { COLOR, CONTENT_WIDTH, PAGE, STYLE, type TextStyle } from './page-style.ts';
import { createPdfDocument } from './pdf-document.ts';
import { PdfSink } from './pdf-sink.ts';
import {
  type ChartBox,
  drawGapChart,
  drawProgressChart,
  gapChartHeight,
  PROGRESS_CHART_HEIGHT,
  trendAt,
} from './progress-charts.ts';
import { type TableStyles, writeTable } from './tagged-table.ts';
import { addGroup, addTagged } from './tagging.ts';

const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;
const LABEL_WIDTH = 130;

const TABLE: TableStyles = {
  head: { face: 'bold', size: 8.5, color: COLOR.ink },
  cell: { face: 'regular', size: 8.5, color: COLOR.ink },
  rowHead: { face: 'regular', size: 8.5, color: COLOR.ink },
};

const CONFIDENCE: Record<ProgressTrajectoryFigures['confidence'], string> = {
  none: 'none (one reported year: no trend can be drawn)',
  low: 'low',
  medium: 'medium',
  high: 'high',
};

/**
 * Streams the progress report of an alliance for one year into `output`, hashing as it goes; ends `output` and
 * resolves once it has taken every byte. Charts are vector drawings, each a tagged Figure with alternative
 * text, followed by a table of the same figures. On failure `output` is left unended.
 */
export async function renderProgressReport(
  data: ProgressReportData,
  output: NodeJS.WritableStream,
): Promise<{ sha256: string; byteSize: number }> {
  const doc = createPdfDocument({
    title: progressReportTitle(data),
    subject:
      `Progress of the ${data.alliance.name} toward ${formatMass(data.target.tonnes)} of recycled plastics ` +
      `${flowWords(data.target.flow)} a year by ${data.target.year}: the figures of ${data.year}, as of ` +
      `${isoDate(data.generatedAt)}.`,
    keywords: [data.alliance.name, 'progress report', String(data.year), 'recycled plastics', 'pledges'],
    language: data.language,
    createdAt: data.generatedAt,
  });
  const sink = new PdfSink(doc, output);
  try {
    const writer = new ProgressReportWriter(doc, data);
    writer.front();
    writer.summary();
    await sink.flush();
    writer.progressByYear();
    await sink.flush();
    writer.supplyAndUptake();
    await sink.flush();
    writer.breakdowns();
    await sink.flush();
    writer.method();
    writer.close();
    return await sink.end();
  } finally {
    sink.dispose();
  }
}

/** The document's title, also its register entry's. */
export function progressReportTitle(data: Pick<ProgressReportData, 'alliance' | 'year'>): string {
  return `Progress report ${data.year}: ${data.alliance.name}`;
}

const flowWords = (flow: 'supply' | 'uptake') =>
  flow === 'uptake' ? 'used in products' : 'processed and supplied to the market';

/** "Based on 6 years (2019–2024), the trend projects 6.10 Mt in 2025 (± 0.40 Mt): short by 3.90 Mt …" */
export function trajectoryInWords(trajectory: ProgressTrajectoryFigures | null): string {
  if (!trajectory) return 'No year has validated reports yet: there is no trend to draw.';
  const t = trajectory;
  const years = `${t.basedOnYears} ${t.basedOnYears === 1 ? 'year' : 'years'}`;
  const span = t.firstYear === t.lastYear ? `${t.firstYear}` : `${t.firstYear}–${t.lastYear}`;
  const interval =
    t.predictionIntervalTonnes === null
      ? ' (no interval: it needs three reported years or more)'
      : ` (± ${formatMass(t.predictionIntervalTonnes)}, a 95 % prediction interval)`;
  const verdict = t.isOnTrack
    ? `on track for the target of ${formatMass(t.targetTonnes)}`
    : `short by ${formatMass(t.shortfallTonnes)} of the target of ${formatMass(t.targetTonnes)}`;
  const basis = t.basedOnYears === 1 ? 'repeats that year’s figure,' : 'projects';
  return (
    `Based on ${years} (${span}), the least-squares trend ${basis} ${formatMass(t.projectedTonnes)} in ` +
    `${t.targetYear}${interval}: ${verdict}. Confidence: ${CONFIDENCE[t.confidence]}.`
  );
}

function slopeInWords(slope: string): string {
  if (/^-?0(\.0*)?$/.test(slope)) return 'It is flat.';
  return slope.startsWith('-')
    ? `It falls by ${formatMass(slope.slice(1))} a year.`
    : `It rises by ${formatMass(slope)} a year.`;
}

/** Lays the report out top to bottom, tagging every piece as it goes. */
class ProgressReportWriter {
  readonly #doc: PDFKit.PDFDocument;
  readonly #data: ProgressReportData;
  readonly #furniture: PageFurniture;
  readonly #root: PDFKit.PDFStructureElement;

  constructor(doc: PDFKit.PDFDocument, data: ProgressReportData) {
    this.#doc = doc;
    this.#data = data;
    this.#furniture = new PageFurniture(doc, {
      lead: progressReportTitle(data),
      tail: ` · generated ${isoDate(data.generatedAt)} · ${data.verificationUrl}`,
    });
    this.#root = doc.struct('Document');
    doc.addStructure(this.#root);
  }

  front(): void {
    const { alliance, target, year } = this.#data;
    this.#text(this.#root, 'P', alliance.name, STYLE.eyebrow, { gap: 6 });
    this.#text(this.#root, 'H1', `Progress report ${year}`, STYLE.title, { gap: 6 });
    const baseline = target.baselineTonnes
      ? ` Baseline: ${formatMass(target.baselineTonnes)} in ${target.baselineYear}.`
      : ` Baseline year: ${target.baselineYear}.`;
    this.#text(
      this.#root,
      'P',
      `Toward ${formatMass(target.tonnes)} of recycled plastics ${flowWords(target.flow)} every year by ` +
        `${target.year}.${baseline}`,
      { ...STYLE.body, color: COLOR.muted },
      { gap: 4 },
    );
    this.#text(
      this.#root,
      'P',
      `Generated on ${isoDate(this.#data.generatedAt)} (UTC) from the figures in the register at that moment.`,
      { ...STYLE.body, color: COLOR.muted },
      { gap: 14 },
    );
  }

  summary(): void {
    const { achieved, target, pledged, trajectory, year } = this.#data;
    const section = addGroup(this.#doc, this.#root, 'Sect');
    this.#text(section, 'H2', 'Summary', STYLE.heading, { gap: 6, keepWith: 60 });
    const list = addGroup(this.#doc, section, 'L');
    this.#item(
      list,
      'Target',
      `${formatTonnes(target.tonnes)} t of ${target.flow} a year by ${target.year} (${formatMass(target.tonnes)})`,
    );
    this.#item(
      list,
      `Achieved in ${year}`,
      `${formatTonnes(achieved.achievedTonnes)} t (${formatMass(achieved.achievedTonnes)}), ` +
        `${formatShare(achieved.share)} of the target, from ${formatCount(achieved.reportCount)} validated ` +
        `${achieved.reportCount === 1 ? 'report' : 'reports'}`,
    );
    this.#item(
      list,
      'Pledged supply',
      `${formatTonnes(pledged.supplyTonnes)} t a year (${formatMass(pledged.supplyTonnes)}), accepted pledges`,
    );
    this.#item(
      list,
      'Pledged uptake',
      `${formatTonnes(pledged.uptakeTonnes)} t a year (${formatMass(pledged.uptakeTonnes)}), accepted pledges`,
    );
    this.#item(list, 'Trajectory', trajectoryInWords(trajectory));
    list.end();
    section.end();
    this.#doc.y += 8;
  }

  progressByYear(): void {
    const doc = this.#doc;
    const { byYear, target, trajectory } = this.#data;
    const section = addGroup(doc, this.#root, 'Sect');
    this.#text(section, 'H2', 'Achieved against the target, year by year', STYLE.heading, {
      gap: 6,
      keepWith: PROGRESS_CHART_HEIGHT + 10,
    });
    const first = byYear[0];
    const last = byYear.at(-1);
    const alt =
      `Bar chart of the tonnes of recycled plastics ${flowWords(target.flow)} each year according to validated ` +
      `reports, ${first ? `from ${formatMass(first.achievedTonnes)} in ${first.year}` : 'with no year yet'}` +
      `${last && last !== first ? ` to ${formatMass(last.achievedTonnes)} in ${last.year}` : ''}` +
      `, against the target of ${formatMass(target.tonnes)} in ${target.year}, drawn as a dashed line. ` +
      (trajectory
        ? `A least-squares trend line runs to ${target.year}, where it reaches ${formatMass(trajectory.projectedTonnes)}` +
          `${trajectory.predictionIntervalTonnes ? ` (± ${formatMass(trajectory.predictionIntervalTonnes)})` : ''}. `
        : '') +
      'The table after the chart gives the same figures.';
    this.#figure(section, PROGRESS_CHART_HEIGHT, alt, (box) =>
      drawProgressChart(doc, box, {
        byYear,
        targetTonnes: target.tonnes,
        targetYear: target.year,
        trajectory,
      }),
    );

    const rows = byYear.map((y) => [
      String(y.year),
      formatTonnes(y.achievedTonnes),
      formatShare(y.share),
      formatCount(y.reportCount),
      trajectory ? formatMass(trendAt(trajectory, y.year)) : '–',
    ]);
    if (trajectory && !byYear.some((y) => y.year === trajectory.targetYear)) {
      const interval = trajectory.predictionIntervalTonnes
        ? ` ± ${formatMass(trajectory.predictionIntervalTonnes)}`
        : '';
      rows.push([
        `${trajectory.targetYear} (target year)`,
        '–',
        '–',
        '–',
        `${formatMass(trajectory.projectedTonnes)}${interval}`,
      ]);
    }
    this.#caption(
      section,
      `The figures of the chart. Share: achieved tonnes divided by the target of ${formatTonnes(target.tonnes)} t. ` +
        'Trend: the least-squares line read at each year.',
    );
    writeTable(
      doc,
      this.#furniture,
      section,
      [
        { header: 'Year', width: 107 },
        { header: `Achieved (t, ${this.#data.target.flow})`, width: 110, align: 'right' },
        { header: 'Share of target', width: 75, align: 'right' },
        { header: 'Validated reports', width: 75, align: 'right' },
        { header: 'Trend', width: CONTENT_WIDTH - 367, align: 'right' },
      ],
      rows,
      TABLE,
    );
    section.end();
    doc.y += 14;
  }

  supplyAndUptake(): void {
    const doc = this.#doc;
    const gaps = this.#data.supplyUptakeGap;
    const section = addGroup(doc, this.#root, 'Sect');
    const height = gapChartHeight(gaps.length);
    this.#text(section, 'H2', 'Supply and uptake pledged, by polymer', STYLE.heading, {
      gap: 4,
      keepWith: height + 40,
    });
    this.#text(
      section,
      'P',
      'Where supply pledged exceeds uptake pledged, recycled material would find no buyer in the alliance: ' +
        'that is where demand must grow.',
      { ...STYLE.body, color: COLOR.muted },
      { gap: 6 },
    );
    if (gaps.length === 0) {
      this.#text(section, 'P', 'No pledge has been accepted yet.', STYLE.body, { gap: 8 });
      section.end();
      return;
    }
    const surplus = gaps.filter((g) => !g.gapTonnes.startsWith('-') && Number(g.gapTonnes) > 0);
    const shortfall = gaps.filter((g) => g.gapTonnes.startsWith('-'));
    const most = (list: typeof gaps, sign: 1 | -1) =>
      [...list].sort((a, b) => sign * (Number(b.gapTonnes) - Number(a.gapTonnes)))[0];
    const biggestSurplus = most(surplus, 1);
    const biggestShortfall = most(shortfall, -1);
    const alt =
      `Paired horizontal bar chart of the tonnes a year pledged for supply and for uptake, for each of ` +
      `${gaps.length} ${gaps.length === 1 ? 'polymer' : 'polymers'}. ` +
      (biggestSurplus
        ? `Supply exceeds uptake most for ${biggestSurplus.polymer}, by ${formatMass(biggestSurplus.gapTonnes)}. `
        : 'Supply exceeds uptake for no polymer. ') +
      (biggestShortfall
        ? `Uptake exceeds supply most for ${biggestShortfall.polymer}, by ${formatMass(biggestShortfall.gapTonnes.slice(1))}. `
        : '') +
      'The table after the chart gives the same figures.';
    this.#figure(section, height, alt, (box) => drawGapChart(doc, box, gaps));
    this.#caption(section, 'The figures of the chart, in tonnes a year. Gap: supply minus uptake.');
    writeTable(
      doc,
      this.#furniture,
      section,
      [
        { header: 'Polymer', width: 97 },
        { header: 'Supply (t a year)', width: 125, align: 'right' },
        { header: 'Uptake (t a year)', width: 125, align: 'right' },
        { header: 'Gap (t a year)', width: CONTENT_WIDTH - 347, align: 'right' },
      ],
      gaps.map((g) => [
        g.polymer,
        formatTonnes(g.supplyTonnes),
        formatTonnes(g.uptakeTonnes),
        formatTonnes(g.gapTonnes),
      ]),
      TABLE,
    );
    section.end();
    doc.y += 14;
  }

  breakdowns(): void {
    const doc = this.#doc;
    const { breakdowns, year } = this.#data;
    const section = addGroup(doc, this.#root, 'Sect');
    // Kept with its introduction, the first table's heading, header and first rows.
    this.#text(section, 'H2', 'Pledges and achievements by dimension', STYLE.heading, { gap: 4, keepWith: 150 });
    this.#text(
      section,
      'P',
      `Accepted pledges (tonnes a year) and what their validated reports achieved in ${year}, supply and ` +
        'uptake side by side, grouped one dimension at a time. Each table adds up to the same totals, and its ' +
        `achieved ${this.#data.target.flow} column to the achieved figure above.`,
      { ...STYLE.body, color: COLOR.muted },
      { gap: 8 },
    );
    for (const breakdown of breakdowns) {
      const part = addGroup(doc, section, 'Sect');
      this.#text(part, 'H3', `By ${breakdown.dimension.toLowerCase()}`, STYLE.subheading, { gap: 4, keepWith: 50 });
      writeTable(
        doc,
        this.#furniture,
        part,
        [
          { header: breakdown.dimension, width: 95 },
          // Wide enough for "Pledges" on one line beside four tonnes columns.
          { header: 'Pledges', width: 52, align: 'right' },
          { header: 'Supply pledged (t a year)', width: 80, align: 'right' },
          { header: 'Uptake pledged (t a year)', width: 80, align: 'right' },
          { header: `Supply achieved in ${year} (t)`, width: 80, align: 'right' },
          { header: `Uptake achieved in ${year} (t)`, width: CONTENT_WIDTH - 387, align: 'right' },
        ],
        breakdown.rows.map((r) => [
          r.label,
          formatCount(r.pledgeCount),
          formatTonnes(r.supplyTonnes),
          formatTonnes(r.uptakeTonnes),
          formatTonnes(r.achievedSupplyTonnes),
          formatTonnes(r.achievedUptakeTonnes),
        ]),
        TABLE,
      );
      part.end();
      doc.y += 12;
    }
    section.end();
  }

  method(): void {
    const { target, year, trajectory } = this.#data;
    const section = addGroup(this.#doc, this.#root, 'Sect');
    this.#text(section, 'H2', 'How the figures are made', STYLE.heading, { gap: 6, keepWith: 60 });
    // Ragged right: justified text opens gaps that make lines harder to follow (WCAG 1.4.8).
    const note = (text: string) => this.#text(section, 'P', text, STYLE.body, { gap: 6 });
    note(
      `Achieved: the tonnes of the validated progress reports of accepted ${target.flow} pledges (the target’s ` +
        `flow) for the year. Submitted and queried reports do not count until the secretariat validates them, ` +
        'nor do reports of pledges that are withdrawn, rejected or not yet accepted. The breakdown tables show ' +
        'what supply and uptake pledges achieved side by side: a tonne supplied and then taken up would count ' +
        'twice if they were added.',
    );
    note(
      'Pledged: the tonnes a year of the pledges accepted when this report was generated, whatever their target ' +
        'year. Every figure is computed from the register’s pledges and reports, never typed in.',
    );
    note(
      'Exact figures: tonnes are recorded to the kilogram (three decimals) and summed exactly in the database; ' +
        'the tables show them unrounded. Figures in Mt and kt in the text and on the charts are rounded for reading.',
    );
    note(
      `Trend: the least-squares straight line through the achieved tonnes of each reported year up to ${year}, ` +
        `read at the target year ${target.year}.` +
        (trajectory ? ` ${slopeInWords(trajectory.slopeTonnesPerYear)}` : ''),
    );
    note(
      'Interval: “±” is the half-width of a 95 % prediction interval at the target year (Student’s t with ' +
        'n − 2 degrees of freedom): if the years to come scatter around the line as the reported years did, the ' +
        'figure of the target year falls within it 19 times in 20. It needs three reported years or more, and it ' +
        'cannot foresee changes the past does not show. Confidence is none with one year, low with two years or an ' +
        'interval wider than 15 % of the target, high with five years or more and an interval under 5 %, and ' +
        'medium otherwise.',
    );
    section.end();
  }

  close(): void {
    const doc = this.#doc;
    doc.y += 8;
    const note = addGroup(doc, this.#root, 'P');
    this.#text(note, 'Span', 'Check this document and its SHA-256 in the public register at', STYLE.body);
    this.#text(note, 'Link', this.#data.verificationUrl, { ...STYLE.body, color: COLOR.accent }, { link: true });
    note.end();
    this.#root.end();
  }

  /** A label–value pair of the summary list. */
  #item(list: PDFKit.PDFStructureElement, label: string, value: string): void {
    const doc = this.#doc;
    const item = addGroup(doc, list, 'LI');
    this.#furniture.use(STYLE.body);
    this.#ensureSpace(doc.heightOfString(value, { width: CONTENT_WIDTH - LABEL_WIDTH }) + 6);
    const top = doc.y;
    this.#text(item, 'Lbl', label, { ...STYLE.body, color: COLOR.muted }, { width: LABEL_WIDTH - 10 });
    const labelBottom = doc.y;
    doc.y = top;
    this.#text(item, 'LBody', value, STYLE.body, { x: LEFT + LABEL_WIDTH, width: CONTENT_WIDTH - LABEL_WIDTH });
    doc.y = Math.max(doc.y, labelBottom) + 5;
    item.end();
  }

  /** A chart of `height` as a tagged Figure with its alternative text, kept whole on one page. */
  #figure(parent: PDFKit.PDFStructureElement, height: number, alt: string, draw: (box: ChartBox) => void): void {
    const doc = this.#doc;
    this.#ensureSpace(height);
    const box = { x: LEFT, y: doc.y, width: CONTENT_WIDTH, height };
    addTagged(doc, parent, 'Figure', () => draw(box), {
      alt,
      bbox: [box.x, box.y, box.x + box.width, box.y + box.height],
      placement: 'Block',
    });
    // Drawing moved the pen to wherever the last label was; the figure ends at its box.
    doc.x = LEFT;
    doc.y = box.y + height + 6;
  }

  #caption(parent: PDFKit.PDFStructureElement, text: string): void {
    this.#text(parent, 'P', text, { ...STYLE.small, size: 8.5 }, { gap: 4, keepWith: 40 });
  }

  #ensureSpace(height: number): void {
    if (this.#doc.y + height > BOTTOM) this.#doc.addPage();
  }

  /** A tagged block of text at the pen, flowing onto new pages if it must. */
  #text(
    parent: PDFKit.PDFStructureElement,
    type: string,
    text: string,
    style: TextStyle,
    options: {
      x?: number;
      width?: number;
      gap?: number;
      keepWith?: number;
      align?: 'left' | 'justify';
      link?: boolean;
    } = {},
  ): void {
    const doc = this.#doc;
    const { x = LEFT, width = CONTENT_WIDTH, gap = 0, keepWith, align, link } = options;
    this.#furniture.use(style);
    const height = Math.min(doc.heightOfString(text, { width }), doc.currentLineHeight(true) * 2);
    this.#ensureSpace(height + (keepWith ?? 0));
    addTagged(doc, parent, type, () => {
      doc.text(text, x, doc.y, { width, align, link: link ? text : undefined });
      doc.x = LEFT;
    });
    doc.y += gap;
  }
}
