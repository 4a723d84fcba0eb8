import { describe, expect, it } from 'vitest';
import { drawLine, layOutLine } from './one-line.ts';
import { applyStyle, STYLE } from './page-style.ts';
import { collectPdf, createPdfDocument } from './pdf-document.ts';

const meta = { title: 't', subject: 's', keywords: [], language: 'en', createdAt: new Date('2024-01-01T00:00:00Z') };

/**
 * Lines as organisation names come: kerning pairs, Greek, Cyrillic, Polish and Romanian letters, a combining accent
 * (a mark placed with an offset), digits and punctuation, runs of spaces, and an empty name.
 */
const LINES = [
  'AVAWAY Tools & Co. KG',
  'Ελληνικά Πλαστικά Α.Ε.',
  'ООО «Пластик-Рециклинг»',
  'Zakład Przetwórstwa Łódź Sp. z o.o.',
  'Societatea Ţară şi Ştiinţă S.R.L.',
  'Cafe\u0301 Re\u0301cupe\u0301ration',
  '2019-09-20',
  'Double  spaced   name',
  '',
];

/** Every line drawn at its own place with `draw`, in two styles and at a page break, then the whole file. */
async function render(draw: (doc: PDFKit.PDFDocument, text: string, x: number, y: number) => void) {
  const doc = createPdfDocument(meta);
  const pdf = collectPdf(doc);
  const pens: [number, number][] = [];
  for (const [page, style] of [STYLE.row, STYLE.rowMeta].entries()) {
    if (page > 0) doc.addPage();
    applyStyle(doc, style);
    for (const [i, text] of LINES.entries()) {
      draw(doc, text, 60 + i * 3.25, 80 + i * 17.5);
      pens.push([doc.x, doc.y]);
    }
  }
  doc.end();
  return { bytes: await pdf, pens };
}

describe('one line laid out once', () => {
  it('measures as widthOfString does, to the last bit, in every text style', () => {
    const doc = createPdfDocument(meta);
    for (const [name, style] of Object.entries(STYLE)) {
      applyStyle(doc, style);
      for (const text of LINES) expect(layOutLine(doc, text).width, `${name}: ${text}`).toBe(doc.widthOfString(text));
    }
  });

  it('draws what text(…, { lineBreak: false }) draws, byte for byte, and leaves the pen where it does', async () => {
    const pdfkit = await render((doc, text, x, y) => doc.text(text, x, y, { lineBreak: false }));
    const ours = await render((doc, text, x, y) => drawLine(doc, layOutLine(doc, text), x, y));
    expect(ours.pens).toEqual(pdfkit.pens);
    expect(ours.bytes.length).toBe(pdfkit.bytes.length);
    expect(Buffer.compare(ours.bytes, pdfkit.bytes)).toBe(0);
  });

  it('refuses a line break, and a layout drawn in another font or size', () => {
    const doc = createPdfDocument(meta);
    applyStyle(doc, STYLE.row);
    expect(() => layOutLine(doc, 'two\nlines')).toThrow(/one line/);
    const line = layOutLine(doc, 'Acme');
    applyStyle(doc, STYLE.rowMeta);
    expect(() => drawLine(doc, line, 60, 60)).toThrow(/font or size/);
  });
});
