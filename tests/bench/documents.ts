/**
 * The declaration PDF with its signatories: wall time and peak memory of rendering 10,000 of them, each run in
 * a fresh child process (`node --import tsx` this file) so that the memory figure is the rendering's alone,
 * not the parent's heap or an earlier run's. The baseline is the naive way: one PDFKit table of every row,
 * built up front in one document.
 *
 * A fresh process's first document is also its slowest: V8 runs the renderer's code unoptimised until it has seen it
 * often enough (about a third of the time of the first 10,000 rows). `earlier` renders that many documents of the same
 * size in the child before the measured one, as a worker that has made documents before would render it: with its code
 * optimised, and with the heap the earlier documents made V8 grow.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

export interface DocumentBenchResult {
  signatories: number;
  ms: number;
  /** CPU time of the rendering process meanwhile (every thread: the garbage collector's too). */
  cpuMs: number;
  /** Highest resident set size during the rendering, less the resident set size just before it. */
  peakRssMb: number;
  bytes: number;
  /**
   * `kept` only: the heap in use after a forced collection at every 10,000th row, less the same just before rendering
   * (what the renderer keeps, without the child's code and libraries).
   */
  keptMb?: number[];
}

type Kind = 'streamed' | 'naive-table' | 'kept';

const root = fileURLToPath(new URL('../../', import.meta.url));
const self = fileURLToPath(import.meta.url);

/** `renderDeclaration` streaming `signatories` synthetic signatories (some Greek, some Cyrillic) into a file. */
export function measureDeclarationPdf({
  signatories,
  earlier = 0,
}: {
  signatories: number;
  earlier?: number;
}): Promise<DocumentBenchResult> {
  return inChild('streamed', signatories, earlier);
}

/**
 * What the renderer keeps as the list grows, apart from the garbage V8 has not collected yet: the heap in use after a
 * forced collection at every 10,000th row. The collections make this run's time meaningless.
 */
export function measureDeclarationHeap({ signatories }: { signatories: number }): Promise<DocumentBenchResult> {
  return inChild('kept', signatories);
}

/** The baseline: the same rows as one PDFKit table, every row built before the first page is written. */
export function measureNaiveTablePdf({ signatories }: { signatories: number }): Promise<DocumentBenchResult> {
  return inChild('naive-table', signatories);
}

function inChild(kind: Kind, signatories: number, earlier = 0): Promise<DocumentBenchResult> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', '--import', 'tsx', self, kind, String(signatories), String(earlier)];
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`${kind} bench exited ${code}: ${stdout}`));
      resolve(JSON.parse(last) as DocumentBenchResult);
    });
  });
}

const keptMb: number[] = [];
/** The heap in use after a forced collection just before rendering. */
let keptBaseline = 0;

/** `rows`, with a full collection and a reading of the heap in use at every `step`th row. */
async function* collectingEvery<T>(step: number, rows: AsyncIterable<T>): AsyncGenerator<T> {
  let i = 0;
  for await (const row of rows) {
    if (++i % step === 0) {
      global.gc?.();
      keptMb.push((process.memoryUsage().heapUsed - keptBaseline) / 2 ** 20);
    }
    yield row;
  }
}

/** In the child: render once, print the result as one JSON line. */
async function measureHere(kind: Kind, signatories: number, earlier: number): Promise<DocumentBenchResult> {
  // Loaded before the baseline is taken: the figure is rendering memory, not code.
  const { renderDeclaration } = await import('../../services/documents/src/index.ts');
  const { syntheticSignatories, syntheticSignatoryList } = await import('../../services/documents/src/testing.ts');
  const { createPdfDocument } = await import('../../services/documents/src/pdf-document.ts');
  const path = join(tmpdir(), `concord-bench-declaration-${process.pid}.pdf`);
  const generatedAt = new Date('2024-05-01T00:00:00Z');
  const auditLogHead = { seq: 4217, hash: 'ab'.repeat(32) };
  // A new one for each document: the list of signatories is read as it is rendered.
  const data = () => ({
    alliance: { name: 'Circular Plastics Alliance (bench)' },
    declaration: {
      title: 'Declaration of the Circular Plastics Alliance',
      version: 1,
      text: 'We, the signatories, support the objective of the alliance.\n\nThis declaration does not create legal obligations.',
      textSha256: '0'.repeat(64),
      publishedAt: new Date('2019-09-20T00:00:00Z'),
    },
    generatedAt,
    signatoryCount: signatories,
    signatories:
      kind === 'kept' ? collectingEvery(10_000, syntheticSignatories(signatories)) : syntheticSignatories(signatories),
    verificationUrl: 'https://concord.example/verify',
    language: 'en',
    auditLogHead,
  });
  for (let i = 0; i < earlier; i++) await renderDeclaration(data(), createWriteStream(path));

  global.gc?.();
  keptBaseline = process.memoryUsage().heapUsed;
  const baseline = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let sampledPeak = baseline;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    if (kind === 'streamed' || kind === 'kept') {
      await renderDeclaration(data(), createWriteStream(path));
    } else {
      // What a first version would write: every row in memory, one table, PDFKit paginating it.
      const rows = (await syntheticSignatoryList(signatories)).map((s) => [
        s.country,
        s.legalName,
        s.activeSince.toISOString().slice(0, 10),
      ]);
      const doc = createPdfDocument({
        title: 'bench',
        subject: 'bench',
        keywords: [],
        language: 'en',
        createdAt: generatedAt,
        auditLogHead,
      });
      const file = createWriteStream(path);
      doc.pipe(file);
      // Tagged like the real document (PDFKit makes Table/TR/TH/TD elements), or the comparison would flatter it.
      const table: PDFKit.Mixins.TableOptionsWithData & { structParent: PDFKit.PDFDocument } = {
        structParent: doc,
        columnStyles: [60, '*', 80],
        data: [['Country', 'Organisation', 'Active since'], ...rows],
      };
      doc.fontSize(9.5).table(table);
      doc.end();
      await finished(file);
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    const maxRssAfter = process.resourceUsage().maxRSS * 1024;
    // maxRSS is exact but lifelong: it counts only if the rendering raised it above what start-up reached.
    const peak = Math.max(sampledPeak, process.memoryUsage.rss(), maxRssAfter > maxRssBefore ? maxRssAfter : 0);
    return {
      signatories,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMb: (peak - baseline) / 2 ** 20,
      bytes: (await stat(path)).size,
      ...(kind === 'kept' ? { keptMb } : {}),
    };
  } finally {
    clearInterval(sampler);
    await rm(path, { force: true });
  }
}

if (process.argv[1] === self) {
  const [kind, count, earlier] = process.argv.slice(2);
  if (kind !== 'streamed' && kind !== 'naive-table' && kind !== 'kept') {
    throw new Error(`usage: documents.ts streamed|naive-table|kept N [documents rendered before]`);
  }
  const result = await measureHere(kind, Number(count ?? 10_000), Number(earlier ?? 0));
  console.log(JSON.stringify(result));
}
