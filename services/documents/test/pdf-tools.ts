/**
 * Reads a PDF back with the tools a reviewer would use: qpdf (structure), poppler's pdfinfo, pdffonts and
 * pdftotext (metadata, fonts, text) and pdftoppm (the page as pixels). Debian packages qpdf and poppler-utils.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[]): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 256 * 2 ** 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** A scratch directory for the PDFs of one test file, removed by `dispose`. */
export async function scratchDir(): Promise<{ path: (name: string) => string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'concord-documents-'));
  return { path: (name) => join(dir, name), dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A scratch directory for the tests of the `describe` block this is called in: made before they run, removed after.
 */
export function useScratchDir(): { path: (name: string) => string } {
  let scratch: Awaited<ReturnType<typeof scratchDir>> | undefined;
  beforeAll(async () => {
    scratch = await scratchDir();
  });
  afterAll(() => scratch?.dispose());
  return {
    path: (name) => {
      if (!scratch)
        throw new Error('The scratch directory is made before the tests run, not while they are collected.');
      return scratch.path(name);
    },
  };
}

export async function writePdf(path: string, pdf: Uint8Array): Promise<string> {
  await writeFile(path, pdf);
  return path;
}

/** `pdfinfo` as a map: 'Title' → '…', 'Tagged' → 'yes', 'Pages' → '1', 'PDF version' → '1.7'. */
export async function pdfInfo(path: string): Promise<Map<string, string>> {
  const { code, stdout, stderr } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
  if (code !== 0) throw new Error(`pdfinfo exited ${code}: ${stderr}`);
  const info = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) info.set(match[1].trim(), match[2].trim());
  }
  return info;
}

/** The XMP metadata packet of the document (`pdfinfo -meta`). */
export async function pdfXmp(path: string): Promise<string> {
  const { code, stdout, stderr } = await run('pdfinfo', ['-meta', path]);
  if (code !== 0) throw new Error(`pdfinfo -meta exited ${code}: ${stderr}`);
  return stdout;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`, one row per font. */
export async function pdfFonts(path: string): Promise<PdfFont[]> {
  const { code, stdout, stderr } = await run('pdffonts', [path]);
  if (code !== 0) throw new Error(`pdffonts exited ${code}: ${stderr}`);
  // Columns are fixed-width under a dashed rule; the last six are emb sub uni object-id gen.
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      const [emb, sub, uni] = parts.slice(-5, -2);
      return {
        name: parts[0] ?? '',
        type: parts.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

/** `qpdf --check`: exit 0 is clean, 2 errors, 3 warnings. */
export function qpdfCheck(path: string): Promise<ToolRun> {
  return run('qpdf', ['--check', path]);
}

type PdfValue = unknown;
type PdfDict = Record<string, PdfValue>;

/** An object as qpdf's JSON (v2) shows it: `{ value }`, or `{ stream: { dict } }` for a stream. */
interface PdfObject {
  value?: PdfValue;
  stream?: { dict: PdfDict };
}

/** Every object of the document, keyed 'obj:3 0 R', and 'trailer'. */
async function pdfObjects(path: string): Promise<Record<string, PdfObject>> {
  const { code, stdout, stderr } = await run('qpdf', ['--json=2', '--json-key=qpdf', path]);
  if (code !== 0) throw new Error(`qpdf --json exited ${code}: ${stderr}`);
  const [, objects] = (JSON.parse(stdout) as { qpdf: [unknown, Record<string, PdfObject>] }).qpdf;
  return objects;
}

/** The document catalog, with a function that follows references ('5 0 R') to the dictionaries they name. */
export async function pdfCatalog(path: string): Promise<{ catalog: PdfDict; resolve: (ref: PdfValue) => PdfDict }> {
  return catalogOf(await pdfObjects(path));
}

function catalogOf(objects: Record<string, PdfObject>): { catalog: PdfDict; resolve: (ref: PdfValue) => PdfDict } {
  const asDict = (value: PdfValue, what: string): PdfDict => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`no dictionary at ${what}`);
    return value as PdfDict;
  };
  const resolve = (ref: PdfValue): PdfDict => {
    if (typeof ref !== 'string') return asDict(ref, 'a direct object');
    const object = objects[`obj:${ref}`];
    return asDict(object?.value ?? object?.stream?.dict, ref);
  };
  const trailer = asDict(objects.trailer?.value, 'the trailer');
  return { catalog: resolve(trailer['/Root']), resolve };
}

/**
 * Where the parent tree and the structure elements disagree: for every page, each marked-content id the parent
 * tree lists must name an element whose /K holds that id on that page (as an integer with the element's /Pg,
 * or as a marked-content reference). A reader that follows the tree from the page content (a screen reader
 * does) reaches the element only so. Empty when they all agree; the count of ids checked is returned too.
 */
export async function parentTreeMismatches(path: string): Promise<{ checked: number; mismatches: string[] }> {
  const objects = await pdfObjects(path);
  const { catalog, resolve } = catalogOf(objects);
  const dictAt = (ref: PdfValue): PdfDict => resolve(ref);
  const nums = dictAt(dictAt(catalog['/StructTreeRoot'])['/ParentTree'])['/Nums'];
  if (!Array.isArray(nums)) throw new Error('the parent tree has no /Nums array');
  const byKey = new Map<number, PdfValue>();
  for (let i = 0; i + 1 < nums.length; i += 2) byKey.set(nums[i] as number, nums[i + 1]);
  const pages: string[] = [];
  const collect = (ref: PdfValue) => {
    const node = dictAt(ref);
    if (node['/Type'] === '/Page') pages.push(ref as string);
    else for (const kid of (node['/Kids'] as PdfValue[]) ?? []) collect(kid);
  };
  collect(catalog['/Pages']);
  let checked = 0;
  const mismatches: string[] = [];
  for (const [index, page] of pages.entries()) {
    const key = dictAt(page)['/StructParents'];
    if (typeof key !== 'number') continue;
    const entries = byKey.get(key);
    if (!Array.isArray(entries)) {
      mismatches.push(`page ${index + 1}: no parent tree entry ${key}`);
      continue;
    }
    for (const [mcid, ref] of entries.entries()) {
      if (ref === null) continue;
      checked++;
      if (typeof ref !== 'string' || !objects[`obj:${ref}`]) {
        mismatches.push(`page ${index + 1} MCID ${mcid}: ${String(ref)} is no object`);
        continue;
      }
      const element = dictAt(ref);
      const kids = Array.isArray(element['/K']) ? element['/K'] : [element['/K']];
      const found = kids.some((kid) =>
        typeof kid === 'number'
          ? kid === mcid && element['/Pg'] === page
          : !!kid && typeof kid === 'object' && (kid as PdfDict)['/MCID'] === mcid && (kid as PdfDict)['/Pg'] === page,
      );
      if (!found) mismatches.push(`page ${index + 1} MCID ${mcid}: ${ref} (${String(element['/S'])}) does not hold it`);
    }
  }
  return { checked, mismatches };
}

export interface StructElement {
  /** 'Figure', 'Table', 'TH'… */
  type: string;
  alt?: string;
  /** Attribute values (/A), merged when there are several: Scope, Placement, BBox… */
  attributes: Record<string, unknown>;
}

/** Every element of the structure tree (objects with a structure type /S and a parent /P), in object order. */
export async function pdfStructElements(path: string): Promise<StructElement[]> {
  const objects = await pdfObjects(path);
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'string' || !/^\d+ \d+ R$/.test(value)) return value;
    const object = objects[`obj:${value}`];
    return object?.value ?? object?.stream?.dict;
  };
  const elements: StructElement[] = [];
  for (const object of Object.values(objects)) {
    const dict = object.value;
    if (!dict || typeof dict !== 'object' || Array.isArray(dict)) continue;
    const entries = dict as Record<string, unknown>;
    if (typeof entries['/S'] !== 'string' || !('/P' in entries)) continue;
    const attributes: Record<string, unknown> = {};
    const a = resolve(entries['/A']);
    for (const part of Array.isArray(a) ? a.map(resolve) : [a]) {
      if (part && typeof part === 'object') Object.assign(attributes, part);
    }
    const alt = entries['/Alt'];
    elements.push({
      type: entries['/S'].replace(/^\//, ''),
      ...(typeof alt === 'string' ? { alt: alt.replace(/^u:/, '') } : {}),
      attributes,
    });
  }
  return elements;
}

/** How many images the document holds (`pdfimages -list`): charts drawn as vectors hold none. */
export async function pdfImageCount(path: string): Promise<number> {
  const { code, stdout, stderr } = await run('pdfimages', ['-list', path]);
  if (code !== 0) throw new Error(`pdfimages exited ${code}: ${stderr}`);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '').length;
}

/** The URIs of the document's link annotations. */
export async function linkTargets(path: string): Promise<string[]> {
  const objects = await pdfObjects(path);
  const uris: string[] = [];
  // A URI action is { "/S": "/URI", "/URI": "u:https://…" }.
  JSON.stringify(objects, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '/URI' in value) {
      const uri = (value as Record<string, unknown>)['/URI'];
      if (typeof uri === 'string') uris.push(uri.replace(/^u:/, ''));
    }
    return value;
  });
  return uris;
}

/** The text in content-stream order (`pdftotext -raw`), which is the order the renderer drew it. */
export async function pdfText(path: string): Promise<string> {
  const { code, stdout, stderr } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
  if (code !== 0) throw new Error(`pdftotext exited ${code}: ${stderr}`);
  return stdout;
}

/** Text with every run of whitespace (line breaks from wrapping included) made one space. */
export const squash = (text: string) => text.replace(/\s+/g, ' ');

export interface GrayImage {
  width: number;
  height: number;
  /** One byte a pixel, 0 black to 255 white, row by row. */
  pixels: Uint8Array;
}

/** Rasterises part of a page (a box in points, top-left origin; page 1 by default) to 8-bit grey at `dpi`. */
export async function rasterise(
  path: string,
  box: { x: number; y: number; width: number; height: number },
  dpi: number,
  page = 1,
): Promise<GrayImage> {
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const out = `${path}.crop`;
  const args = ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile'];
  args.push(
    '-x',
    String(px(box.x)),
    '-y',
    String(px(box.y)),
    '-W',
    String(px(box.width)),
    '-H',
    String(px(box.height)),
  );
  const { code, stderr } = await run('pdftoppm', [...args, path, out]);
  if (code !== 0) throw new Error(`pdftoppm exited ${code}: ${stderr}`);
  return parsePgm(await readFile(`${out}.pgm`));
}

/** A binary PGM (P5, maxval 255) as written by pdftoppm -gray. */
function parsePgm(file: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (!header?.[1] || !header[2]) throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: file.subarray(header[0].length, header[0].length + width * height) };
}

/**
 * Reads back the QR code drawn in `box` (points) of a page, as the module matrix a scanner sees: true = dark.
 * Each module is sampled at its centre, far from the edges that anti-aliasing greys. `size` is the number of
 * modules per side, that of the code expected (a QR code's version fixes it).
 */
export async function readQrModules(
  path: string,
  box: { x: number; y: number; side: number },
  size: number,
  dpi = 288,
): Promise<boolean[][]> {
  const image = await rasterise(path, { x: box.x, y: box.y, width: box.side + 8, height: box.side + 8 }, dpi);
  const modulePx = (box.side / size) * (dpi / 72);
  if (modulePx <= 4) throw new RangeError('too few pixels per module to read the code reliably');
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => {
      const x = Math.floor((col + 0.5) * modulePx);
      const y = Math.floor((row + 0.5) * modulePx);
      return (image.pixels[y * image.width + x] ?? 255) < 128;
    }),
  );
}
