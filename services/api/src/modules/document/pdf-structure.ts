import { createInflate } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';

/**
 * What an uploaded file must be before it is registered: a PDF that parses (header, cross-reference table or
 * stream, a catalogue with at least one page) and whose compressed streams do not expand without bound. A
 * 5 MB upload of deflated zeros would otherwise become gigabytes in the first reader that opens it, ours
 * included: the parser below decodes object streams as it loads, so the expansion is measured first.
 */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
export const MAX_PAGES = 2000;

export type PdfCheck = { ok: true; pageCount: number } | { ok: false; reason: string };

export async function checkPdfStructure(bytes: Buffer): Promise<PdfCheck> {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { ok: false, reason: 'The file is not a PDF (it does not start with %PDF-).' };
  }
  const inflated = await inflatedTotal(bytes, MAX_INFLATED_BYTES);
  if (inflated === UNBOUNDED) {
    return {
      ok: false,
      reason: 'The PDF uses LZW compression, which is not accepted (PDF/A forbids it): save or export it again as PDF.',
    };
  }
  if (inflated > MAX_INFLATED_BYTES) {
    return {
      ok: false,
      reason: `The PDF's compressed contents expand beyond ${MAX_INFLATED_BYTES / 1024 / 1024} MB: it is refused.`,
    };
  }
  let pageCount: number;
  try {
    const document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    pageCount = document.getPageCount();
  } catch {
    return { ok: false, reason: 'The file is not a readable PDF (its structure could not be parsed).' };
  }
  if (pageCount < 1) return { ok: false, reason: 'The PDF has no pages.' };
  if (pageCount > MAX_PAGES) return { ok: false, reason: `The PDF has more than ${MAX_PAGES} pages.` };
  return { ok: true, pageCount };
}

const latin1 = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');

/** What inflatedTotal answers for a stream whose expansion it cannot count. */
const UNBOUNDED = Number.POSITIVE_INFINITY;

/**
 * The bytes all Flate-compressed streams of the file expand to, counted as they are inflated and thrown away (so
 * memory stays at one chunk), stopping once past `limit`. Streams are found as PDF readers recover a damaged
 * file: each `stream` keyword after an object header, its dictionary between the two. An LZW stream (a filter of
 * PDF 1.0 that no current writer uses and PDF/A forbids) expands a thousandfold and more, and is not decoded here
 * to count it: UNBOUNDED, so that the file is refused. The other filters either shrink (ASCIIHex), grow by a
 * small fixed factor (ASCII85, RunLength) or are image codecs that no parser decodes.
 */
async function inflatedTotal(bytes: Buffer, limit: number): Promise<number> {
  let total = 0;
  let from = 0;
  for (;;) {
    const keyword = bytes.indexOf('stream', from, 'latin1');
    if (keyword < 0) return total;
    from = keyword + 6;
    // `endstream` contains `stream`: skip it.
    if (latin1(bytes, keyword - 3, keyword) === 'end') continue;
    let start = from;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] !== 0x0a) continue;
    start++;
    const header = latin1(bytes, Math.max(0, keyword - 4096), keyword);
    const dictionary = header.slice(header.lastIndexOf(' obj'));
    if (/\/(LZWDecode|LZW)\b/.test(dictionary)) return UNBOUNDED;
    if (!/\/(FlateDecode|Fl)\b/.test(dictionary)) continue;
    const end = bytes.indexOf('endstream', start, 'latin1');
    const contents = bytes.subarray(start, end < 0 ? bytes.length : end);
    total += await inflatedSize(contents, limit - total);
    if (total > limit) return total;
    if (end > 0) from = end + 9;
  }
}

/** How many bytes `deflated` inflates to, or just past `limit` once it passes it. A damaged stream counts so far. */
function inflatedSize(deflated: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    const inflate = createInflate({ chunkSize: 64 * 1024 });
    const done = () => resolve(size);
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.removeAllListeners('data');
        inflate.destroy();
        done();
      }
    });
    inflate.on('end', done);
    inflate.on('error', done);
    inflate.on('close', done);
    inflate.end(deflated);
  });
}
