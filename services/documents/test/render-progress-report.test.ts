import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProgressReportData, renderProgressReport, trajectoryInWords } from '../src/index.ts';
import { PAGE } from '../src/page-style.ts';
import { AUDIT_LOG_HEAD, progressReport } from './fixtures.ts';
import { expectArchivablePdf, expectAuditLogHead } from './pdf-expectations.ts';
import { pdfImageCount, pdfStructElements, pdfText, rasterise, scratchDir, squash } from './pdf-tools.ts';

const TITLE = 'Progress report 2024: Circular Plastics Alliance';

async function renderToFile(data: ProgressReportData, path: string) {
  const result = await renderProgressReport(data, createWriteStream(path));
  return { result, file: await readFile(path) };
}

describe(renderProgressReport.name, () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  let path: string;
  beforeAll(async () => {
    scratch = await scratchDir();
    path = scratch.path('progress.pdf');
    await renderToFile(progressReport(), path);
  });
  afterAll(() => scratch.dispose());

  it('is an archivable, tagged PDF whose hash and size are those of the bytes written', async () => {
    const { result, file } = await renderToFile(progressReport(), scratch.path('hashed.pdf'));
    expect(result).toEqual({ sha256: createHash('sha256').update(file).digest('hex'), byteSize: file.length });
    await expectArchivablePdf(path, { title: TITLE });
  });

  it('prints the audit log head it was issued at on every page, and in the keywords', async () => {
    await expectAuditLogHead(path, AUDIT_LOG_HEAD);
  });

  it('says where the alliance stands, in words and in exact figures', async () => {
    const text = squash(await pdfText(path));
    for (const expected of [
      'Circular Plastics Alliance',
      'Progress report 2024',
      'Toward 10 Mt of recycled plastics used in products every year by 2025. Baseline: 4 Mt in 2016.',
      'Generated on 2025-03-01 (UTC)',
      'Target 10,000,000.000 t of uptake a year by 2025 (10 Mt)',
      'Achieved in 2024 6,011,250.000 t (6.01 Mt), 60.11 % of the target, from 118 validated reports',
      'Pledged supply 10,245,300.125 t a year (10.25 Mt)',
      'Pledged uptake 6,412,000.500 t a year (6.41 Mt)',
      'Based on 6 years (2019–2024), the least-squares trend projects 6.37 Mt in 2025 (± 160.9 kt, a 95 % ' +
        'prediction interval): short by 3.63 Mt of the target of 10 Mt. Confidence: high.',
      'validated progress reports of accepted uptake pledges',
      'summed exactly in the database',
      'least-squares straight line',
      'It rises by 381.8 kt a year.',
      '95 % prediction interval at the target year',
      'https://concord.example/verify',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('follows each chart with a table of its figures, row by row', async () => {
    const text = squash(await pdfText(path));
    for (const expected of [
      'Year Achieved (t, uptake) Share of target Validated reports Trend',
      '2019 4,123,456.789 41.23 % 61 4.08 Mt',
      '2024 6,011,250.000 60.11 % 118 5.99 Mt',
      '2025 (target year) – – – 6.37 Mt ± 160.9 kt',
      'Polymer Supply (t a year) Uptake (t a year) Gap (t a year)',
      'PET 2,070,000.000 1,200,000.000 870,000.000',
      'OTHER 340,299.875 399,000.000 -58,700.125',
      'By working group',
      'Building & construction 12 1,800,000.125 1,100,000.000 0.000 1,900,000.000',
      'Germany 21 4,100,000.000 2,500,000.500 0.000 3,400,000.000',
      'Electrical and electronic equipment 7 2,345,300.000 1,412,000.500 0.000 2,012,000.000',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('draws both charts as vectors inside Figures with alternative text, and tags every table', async () => {
    expect(await pdfImageCount(path)).toBe(0);
    const elements = await pdfStructElements(path);
    const figures = elements.filter((e) => e.type === 'Figure');
    expect(figures).toHaveLength(2);
    expect(figures[0]?.alt).toContain('from 4.12 Mt in 2019 to 6.01 Mt in 2024');
    expect(figures[0]?.alt).toContain('reaches 6.37 Mt (± 160.9 kt)');
    expect(figures[1]?.alt).toContain('Supply exceeds uptake most for PP, by 1.81 Mt');
    expect(figures[1]?.alt).toContain('Uptake exceeds supply most for OTHER, by 58.7 kt');
    for (const figure of figures) expect(figure.attributes).toMatchObject({ '/Placement': '/Block' });

    const data = progressReport();
    expect(elements.filter((e) => e.type === 'Table')).toHaveLength(2 + data.breakdowns.length);
    const columnHeads = elements.filter((e) => e.type === 'TH' && e.attributes['/Scope'] === '/Column');
    const rowHeads = elements.filter((e) => e.type === 'TH' && e.attributes['/Scope'] === '/Row');
    expect(columnHeads).toHaveLength(5 + 4 + 6 * data.breakdowns.length);
    const rows =
      data.byYear.length + 1 + data.supplyUptakeGap.length + data.breakdowns.reduce((n, b) => n + b.rows.length, 0);
    expect(rowHeads).toHaveLength(rows);
    expect(elements.filter((e) => e.type === 'TD')).toHaveLength(
      4 * (data.byYear.length + 1) +
        3 * data.supplyUptakeGap.length +
        5 * data.breakdowns.reduce((n, b) => n + b.rows.length, 0),
    );

    // The bars are there, in ink: the first chart's box is far from blank.
    const box = figures[0]?.attributes['/BBox'];
    if (!Array.isArray(box)) throw new Error('the figure has no BBox');
    const [x0, y0, x1, y1] = box.map(Number) as [number, number, number, number];
    const image = await rasterise(path, { x: x0, y: PAGE.height - y1, width: x1 - x0, height: y1 - y0 }, 72);
    const dark = image.pixels.filter((p) => p < 128).length;
    expect(dark / image.pixels.length).toBeGreaterThan(0.05);
  });

  it('says when the trend is on track, and when the interval needs more years', async () => {
    const two = progressReport().trajectory;
    if (!two) throw new Error('fixture without trajectory');
    expect(
      trajectoryInWords({
        ...two,
        basedOnYears: 2,
        firstYear: 2023,
        projectedTonnes: '10400000.000',
        isOnTrack: true,
        shortfallTonnes: '0.000',
        predictionIntervalTonnes: null,
        confidence: 'low',
      }),
    ).toBe(
      'Based on 2 years (2023–2024), the least-squares trend projects 10.4 Mt in 2025 (no interval: it needs ' +
        'three reported years or more): on track for the target of 10 Mt. Confidence: low.',
    );
    expect(
      trajectoryInWords({
        ...two,
        basedOnYears: 1,
        firstYear: 2024,
        slopeTonnesPerYear: '0.000',
        projectedTonnes: '6011250.000',
        shortfallTonnes: '3988750.000',
        predictionIntervalTonnes: null,
        confidence: 'none',
      }),
    ).toContain('Based on 1 year (2024), the least-squares trend repeats that year’s figure, 6.01 Mt in 2025');
    expect(trajectoryInWords(null)).toBe('No year has validated reports yet: there is no trend to draw.');

    const single = scratch.path('single-year.pdf');
    const year = { year: 2024, achievedTonnes: '512.5', share: '0.0001', reportCount: 1 };
    await renderToFile(
      progressReport({
        byYear: [year],
        achieved: year,
        trajectory: {
          ...two,
          basedOnYears: 1,
          firstYear: 2024,
          slopeTonnesPerYear: '0.000',
          projectedTonnes: '512.500',
          shortfallTonnes: '9999487.500',
          predictionIntervalTonnes: null,
          confidence: 'none',
        },
        supplyUptakeGap: [],
        breakdowns: [],
      }),
      single,
    );
    await expectArchivablePdf(single, { title: TITLE });
    const text = squash(await pdfText(single));
    expect(text).toContain('from 1 validated report');
    expect(text).toContain('2024 512.500 0.01 % 1');
    expect(text).toContain('It is flat.');
    expect(text).toContain('No pledge has been accepted yet.');
  });

  it('says, for a target of both flows, that the lesser counts and which one it was in the year', async () => {
    const both = scratch.path('both.pdf');
    const data = progressReport();
    await renderToFile({ ...data, target: { ...data.target, counts: 'both', flow: 'uptake' } }, both);
    const text = squash(await pdfText(both));
    expect(text).toContain(
      'Toward 10 Mt of recycled plastics supplied to the market and used in products (the lesser of the two) every year by 2025.',
    );
    expect(text).toContain('Target 10,000,000.000 t of the lesser of supply and uptake a year by 2025');
    expect(text).toContain('the lesser of the two is the result');
    expect(text).toContain('In 2024 the lesser was uptake.');
    expect(text).not.toContain('Target 10,000,000.000 t of uptake a year');
  });

  it('runs a long breakdown over pages, its header repeated as page furniture, every row in order', async () => {
    const long = scratch.path('long.pdf');
    const labels = Array.from({ length: 150 }, (_, i) => `Region ${String(i + 1).padStart(3, '0')}`);
    await renderToFile(
      progressReport({
        breakdowns: [
          {
            dimension: 'country',
            rows: labels.map((label, i) => ({
              label,
              pledgeCount: i + 1,
              supplyTonnes: `${i * 1000}.250`,
              uptakeTonnes: `${i * 500}.500`,
              achievedSupplyTonnes: `${i * 10}.000`,
              achievedUptakeTonnes: `${i * 5}.000`,
            })),
          },
        ],
      }),
      long,
    );
    const { info } = await expectArchivablePdf(long, { title: TITLE });
    expect(Number(info.get('Pages'))).toBeGreaterThan(4);
    const raw = await pdfText(long);
    // Printed on every page the table runs over, but one header row in the structure.
    expect(squash(raw).split('Country Pledges Supply pledged').length - 1).toBeGreaterThan(1);
    const heads = (await pdfStructElements(long)).filter(
      (e) => e.type === 'TH' && e.attributes['/Scope'] === '/Column',
    );
    expect(heads).toHaveLength(5 + 4 + 6);
    const text = squash(raw);
    let from = 0;
    for (const [i, label] of labels.entries()) {
      const row = `${label} ${i + 1} `;
      const at = text.indexOf(row, from);
      expect(at, row).toBeGreaterThan(-1);
      from = at + row.length;
    }
  });

  it('gives the same bytes for the same data', async () => {
    const render = async () => {
      const chunks: Buffer[] = [];
      const output = new PassThrough();
      output.on('data', (chunk: Buffer) => chunks.push(chunk));
      const { sha256 } = await renderProgressReport(progressReport(), output);
      return { sha256, file: Buffer.concat(chunks) };
    };
    const [a, b] = [await render(), await render()];
    expect(a.sha256).toBe(b.sha256);
    expect(a.file.equals(b.file)).toBe(true);
  });
});
