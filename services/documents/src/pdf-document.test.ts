import { describe, expect, it } from 'vitest';
import { collectPdf, createPdfDocument } from './pdf-document.ts';

const meta = { title: 't', subject: 's', keywords: [], language: 'en', createdAt: new Date('2024-01-01T00:00:00Z') };

describe('the document writes its strings as bytes', () => {
  it('gives, for every UTF-16 unit, the byte PDFKit gives (its low byte)', () => {
    const units = Array.from({ length: 0x10000 }, (_, i) => i);
    const text = String.fromCharCode(...units.filter((u) => u < 0xd800 || u > 0xdfff));
    const ours = Buffer.from(text, 'latin1');
    // PDFKit's fromBinaryString, the conversion it makes of every string it writes.
    const pdfkit = Uint8Array.from(text, (_, i) => text.charCodeAt(i) & 0xff);
    expect(Buffer.compare(ours, Buffer.from(pdfkit))).toBe(0);
    // Lone surrogates too (a JavaScript string may hold them).
    const lone = String.fromCharCode(0xd800, 0xdbff, 0xdc00, 0xdfff);
    expect([...Buffer.from(lone, 'latin1')]).toEqual([0x00, 0xff, 0x00, 0xff]);
  });

  it('makes a document byte for byte as PDFKit’s own writer does', async () => {
    const render = async (pdfkitWriter: boolean) => {
      const doc = createPdfDocument(meta);
      // The writer of PDFKit's prototype, in place of the one createPdfDocument gave this document.
      if (pdfkitWriter) Object.assign(doc, { _write: Object.getPrototypeOf(doc)._write });
      const pdf = collectPdf(doc);
      doc.text('Ωμέγα Łódź Привет «Recycling» & Co.');
      doc.addPage().text('A second page (with parentheses) and a backslash \\.');
      doc.end();
      return pdf;
    };
    const [ours, pdfkit] = [await render(false), await render(true)];
    expect(ours.length).toBeGreaterThan(1000);
    expect(Buffer.compare(ours, pdfkit)).toBe(0);
  });
});
