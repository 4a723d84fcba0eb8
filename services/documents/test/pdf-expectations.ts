import { expect } from 'vitest';
import {
  parentTreeMismatches,
  pdfCatalog,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfXmp,
  qpdfCheck,
  squash,
} from './pdf-tools.ts';

/**
 * What every document must be, whatever it shows: a PDF that qpdf finds no fault with (no warnings either),
 * tagged PDF 1.7 with the expected title, PDF/A-3a identification and output intent, and DejaVu Sans as its only,
 * embedded font. (No PDF/A validator such as veraPDF is installed: these are the checks that can be made here.)
 */
export async function expectArchivablePdf(
  path: string,
  { title, pages, language = 'en' }: { title: string; pages?: number; language?: string },
) {
  const check = await qpdfCheck(path);
  expect(check.stderr).toBe('');
  expect(check.code).toBe(0);
  expect(check.stdout).toContain('No syntax or stream encoding errors found');

  const info = await pdfInfo(path);
  expect(info.get('Title')).toBe(title);
  expect(info.get('Author')).toBe('Concord');
  expect(info.get('Tagged')).toBe('yes');
  expect(info.get('PDF version')).toBe('1.7');
  expect(info.get('Page size')).toContain('(A4)');
  if (pages !== undefined) expect(info.get('Pages')).toBe(String(pages));

  const xmp = await pdfXmp(path);
  expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
  expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');

  // What PDF/A-3a asks of the catalog: marked content, a language, an sRGB output intent; and the title shown.
  const { catalog, resolve } = await pdfCatalog(path);
  expect(catalog['/Lang']).toBe(`u:${language}`);
  expect(resolve(catalog['/MarkInfo'])['/Marked']).toBe(true);
  expect(resolve(catalog['/StructTreeRoot'])['/Type']).toBe('/StructTreeRoot');
  expect(resolve(catalog['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
  // Every piece of marked content leads, through the parent tree, to the element that holds it.
  const parentTree = await parentTreeMismatches(path);
  expect(parentTree.mismatches).toEqual([]);
  expect(parentTree.checked).toBeGreaterThan(0);
  const intents = catalog['/OutputIntents'];
  expect(Array.isArray(intents) && intents.length === 1).toBe(true);
  const intent = resolve(Array.isArray(intents) ? intents[0] : undefined);
  expect(intent['/S']).toBe('/GTS_PDFA1');
  expect(resolve(intent['/DestOutputProfile'])['/N']).toBe(3);

  const fonts = await pdfFonts(path);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
  }
  return { info, xmp, fonts };
}

/**
 * The audit log's head the document was issued at, whole, at the foot of every page and in the keywords
 * (docs/adr/0013): what a holder of the document checks later with auditLogCheck.
 */
export async function expectAuditLogHead(path: string, head: { seq: number; hash: string }): Promise<void> {
  const info = await pdfInfo(path);
  expect(info.get('Keywords')).toContain(`audit log head #${head.seq} ${head.hash}`);
  const text = squash(await pdfText(path));
  const printed = text.split(`Audit log head at issue: #${head.seq} ${head.hash}`).length - 1;
  expect(printed).toBe(Number(info.get('Pages')));
}
