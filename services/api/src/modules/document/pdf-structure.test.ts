import { createDeflate, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../../../../documents/src/tiny-pdf.ts';
import { checkPdfStructure, MAX_INFLATED_BYTES } from './pdf-structure.ts';

/** A one-page PDF whose content stream is `deflated` (FlateDecode), with or without a correct length. */
function pdfWithStream(deflated: Buffer, dictionary = '/Filter /FlateDecode'): Buffer {
  const head = Buffer.from(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n' +
      `4 0 obj\n<< /Length ${deflated.length} ${dictionary} >>\nstream\n`,
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, deflated, tail]);
}

/** `size` zeros deflated a megabyte at a time, so that the test itself never holds them. */
async function deflatedZeros(size: number): Promise<Buffer> {
  const megabyte = Buffer.alloc(1024 * 1024);
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  for (let i = 0; i < size / megabyte.length; i++) {
    if (!deflate.write(megabyte)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat(out);
}

describe('[SECURITY] an uploaded PDF is checked for structure before it is registered', () => {
  it('accepts a well-formed PDF and counts its pages', async () => {
    await expect(checkPdfStructure(tinyPdf('a statement'))).resolves.toEqual({ ok: true, pageCount: 1 });
  });

  it('accepts compressed streams of an ordinary size, with a damaged cross-reference table as readers do', async () => {
    const contents = deflateSync(Buffer.from('BT /F1 12 Tf 72 720 Td (Audit certificate) Tj ET\n'.repeat(1000)));
    await expect(checkPdfStructure(pdfWithStream(contents))).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['an HTML page', Buffer.from('<!doctype html><title>x</title>')],
    ['only the header', Buffer.from('%PDF-1.4\n')],
    ['a header and an end but nothing between', Buffer.from('%PDF-1.7\n% a statement\n%%EOF\n')],
    [
      'a catalogue without pages',
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    ],
    ['random bytes after the header', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0xa7)])],
  ])('refuses %s', async (_label, bytes) => {
    const check = await checkPdfStructure(bytes);
    expect(check.ok).toBe(false);
  });

  it.each([['/Filter /LZWDecode'], ['/Filter [/ASCII85Decode /LZWDecode]'], ['/Filter /LZW']])(
    'refuses an LZW stream, whose expansion it cannot bound without decoding it (%s)',
    async (dictionary) => {
      // Any bytes will do: the filter alone is refused, before anything is decoded.
      const check = await checkPdfStructure(
        pdfWithStream(Buffer.from('\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01', 'latin1'), dictionary),
      );
      expect(check).toEqual({ ok: false, reason: expect.stringMatching(/LZW/) });
    },
  );

  it('refuses a stream that inflates beyond the bound (a decompression bomb), without holding it in memory', async () => {
    // 300 MB of zeros deflate to about 300 kB: a small upload that would become a large allocation in a reader.
    const bomb = await deflatedZeros(MAX_INFLATED_BYTES + 44 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const check = await checkPdfStructure(pdfWithStream(bomb));
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/expand/) });
    // The bomb is counted, not kept: far less than the bound stays allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(MAX_INFLATED_BYTES / 4);
  });

  it('adds up every compressed stream, so that many small bombs are one big one', async () => {
    const piece = await deflatedZeros(MAX_INFLATED_BYTES / 8);
    const one = pdfWithStream(piece);
    const streams = Array.from({ length: 10 }, (_, i) =>
      Buffer.from(`${10 + i} 0 obj\n<< /Length ${piece.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    ).flatMap((head) => [head, piece, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    const check = await checkPdfStructure(
      Buffer.concat([one.subarray(0, one.length - 6), ...streams, Buffer.from('%%EOF\n')]),
    );
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/expand/) });
  });
});
