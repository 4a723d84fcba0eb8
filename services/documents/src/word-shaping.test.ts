import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDeclaration } from './index.ts';
import { applyStyle, STYLE } from './page-style.ts';
import { createPdfDocument } from './pdf-document.ts';
import { syntheticSignatories, syntheticSignatoryList } from './testing.ts';
import { WordShaper } from './word-shaping.ts';

const meta = { title: 't', subject: 's', keywords: [], language: 'en', createdAt: new Date('2024-01-01T00:00:00Z') };

interface Layout {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface FontkitFont {
  layout(text: string, features?: string[]): Layout;
}
interface ScaledLayout {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}
/** PDFKit's embedded font: its word layout is fontkit's, positions scaled in place. */
interface EmbeddedFont {
  font: FontkitFont;
  layoutRun(text: string, features?: unknown): ScaledLayout;
}

/**
 * A PDFKit face (applyStyle gives it the short way), fontkit's font behind it, fontkit's own layout, and PDFKit's own
 * word layout (its prototype's: fontkit's layout, scaled).
 */
function fontOf(face: 'row' | 'heading') {
  const doc = createPdfDocument(meta);
  applyStyle(doc, face === 'row' ? STYLE.row : STYLE.heading);
  const embedded = (doc as unknown as { _font: EmbeddedFont })._font;
  const font = embedded.font;
  const fontkitLayout = (text: string): Layout => font.layout(text);
  const pdfkitLayout = (text: string, features?: unknown): ScaledLayout =>
    Object.getPrototypeOf(embedded).layoutRun.call(embedded, text, features);
  const shaper = WordShaper.for(font as never);
  if (!shaper) throw new Error('DejaVu Sans should take the short way');
  return { embedded, fontkitLayout, pdfkitLayout, shaper };
}

/** PDFKit's scaled layout, as plain values. */
const scaled = (run: ScaledLayout) => ({
  glyphs: run.glyphs.map((glyph) => glyph.id),
  positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset, advanceWidth }) => ({
    xAdvance,
    yAdvance,
    xOffset,
    yOffset,
    advanceWidth,
  })),
  advanceWidth: run.advanceWidth,
});

/** What fontkit's layout says, as plain values. */
const plain = (run: Layout) => ({
  glyphs: run.glyphs.map((glyph) => glyph.id),
  positions: run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({
    xAdvance,
    yAdvance,
    xOffset,
    yOffset,
  })),
  advanceWidth: run.advanceWidth,
});

/** Words as PDFKit splits a line before shaping it: at spaces and tabs, each keeping the one that ends it. */
const wordsOf = (line: string) => line.split(/(?<=[ \t])/).filter((word) => word.length > 0);

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const ALPHABETS = {
  latin: [
    ...range(0x41, 0x5a),
    ...range(0x61, 0x7a),
    ...'ÀÁÂÄÅÆÇÉÍÓÖØÚÜßàáâäåæçèéêëíîïñóôöøúüÿĄąĆćĘęŁłŃńŚśŹźŻżŞşŢţȘșȚțŐőŰű',
  ],
  greek: [...range(0x391, 0x3a1), ...range(0x3a3, 0x3a9), ...range(0x3b1, 0x3c9), ...'άέήίόύώ'],
  cyrillic: [...range(0x410, 0x44f), ...'ЁёЄєІіЇїЎў'],
};
const PUNCTUATION = [...'.,-–—/&()«»„“”‘’\'"', ' ', '0', '7'];

/** Every pair of letters of each alphabet, and each letter beside each punctuation mark and digit. */
function pairs(): string[] {
  const all: string[] = [];
  for (const letters of Object.values(ALPHABETS)) {
    for (const a of letters) {
      for (const b of letters) all.push(a + b);
      for (const p of PUNCTUATION) all.push(a + p, p + a);
    }
  }
  return all;
}

describe('the short way for plain words', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['row', 'heading'] as const)(
    'gives fontkit’s layout for every word of 10,000 signatories and every pair of letters (%s face)',
    async (face) => {
      const { embedded, fontkitLayout, pdfkitLayout, shaper } = fontOf(face);
      const words = new Set<string>();
      for (const signatory of await syntheticSignatoryList(10_000)) {
        for (const word of wordsOf(signatory.legalName)) words.add(word);
      }
      let short = 0;
      let kerned = 0;
      for (const text of [...words, ...pairs()]) {
        const run = shaper.shape(text);
        if (!run) continue;
        short++;
        const expected = plain(fontkitLayout(text));
        expect(plain(run as unknown as Layout), text).toEqual(expected);
        // And what PDFKit keeps of it: the same positions scaled, as PDFKit scales fontkit's.
        expect(scaled(embedded.layoutRun(text)), text).toEqual(scaled(pdfkitLayout(text)));
        if (expected.positions.some((p, i) => p.xAdvance !== (run.glyphs[i] as { advanceWidth: number }).advanceWidth))
          kerned++;
      }
      // Not a test that cannot fail by taking the long way for everything: nearly every word takes the short way,
      // and thousands of them carry kerning.
      expect(short).toBeGreaterThan(0.99 * (words.size + pairs().length));
      expect(kerned).toBeGreaterThan(1000);
    },
    60_000,
  );

  it('leaves to fontkit what fontkit would substitute, mark or hide, and other scripts', () => {
    const { embedded, pdfkitLayout, shaper } = fontOf('row');
    const refused = [
      'Kunststoffe', // the ff ligature
      'Cafe\u0301', // a combining accent (refused for the character, before its mark lookups are read)
      'Wort\u00adteil', // a soft hyphen, hidden
      '1\u20442', // the fraction slash
      'Հայաստան', // Armenian
      'Zero\u200bwidth',
      'Emoji 🙂',
      'Tab\tbed',
    ];
    for (const text of refused) {
      expect(shaper.shape(text), text).toBeNull();
      // Through the font, as PDFKit calls it: fontkit's answer.
      expect(scaled(embedded.layoutRun(text)), text).toEqual(scaled(pdfkitLayout(text)));
    }
    // A call with features is fontkit's too: "VA" without kerning, which the short way would kern.
    const unkerned = scaled(embedded.layoutRun('VA', { kern: false }));
    expect(unkerned).toEqual(scaled(pdfkitLayout('VA', { kern: false })));
    expect(unkerned).not.toEqual(scaled(embedded.layoutRun('VA')));
  });

  it('shares one frozen position among the glyphs laid out alike, in every word', () => {
    const { embedded } = fontOf('row');
    const [first, second] = [embedded.layoutRun('Recycling'), embedded.layoutRun('Recyclers')];
    // "Recycl" is laid out alike in both words: the same objects, which nothing can change.
    expect(first.positions.slice(0, 5).every((position, i) => position === second.positions[i])).toBe(true);
    expect(Object.isFrozen(first.positions[0])).toBe(true);
    // A glyph kerned differently gets a position of its own: "V" before "A" and before "e".
    const [va, ve] = [embedded.layoutRun('VA'), embedded.layoutRun('Ve')];
    expect(va.positions[0]?.xAdvance).not.toBe(ve.positions[0]?.xAdvance);
    expect(va.positions[0]).not.toBe(ve.positions[0]);
  });

  it('makes the same declaration PDF, byte for byte, as fontkit’s layout alone', async () => {
    const render = async () => {
      const hash = createHash('sha256');
      const output = new Writable({
        write(chunk, _encoding, done) {
          hash.update(chunk);
          done();
        },
      });
      await renderDeclaration(
        {
          alliance: { name: 'Circular Plastics Alliance' },
          declaration: {
            title: 'Declaration of the Circular Plastics Alliance',
            version: 1,
            text: 'We, the signatories, support the objective of the alliance.',
            textSha256: '0'.repeat(64),
            publishedAt: new Date('2019-09-20T00:00:00Z'),
          },
          generatedAt: new Date('2024-05-01T00:00:00Z'),
          signatoryCount: 2_000,
          signatories: syntheticSignatories(2_000),
          verificationUrl: 'https://concord.example/verify',
          language: 'en',
          auditLogHead: { seq: 4217, hash: 'ab'.repeat(32) },
        },
        output,
      );
      return hash.digest('hex');
    };
    const shape = vi.spyOn(WordShaper.prototype, 'shape');
    const short = await render();
    const shortWords = shape.mock.results.filter((result) => result.value !== null).length;
    shape.mockReturnValue(null);
    const long = await render();
    expect(shortWords).toBeGreaterThan(1000);
    expect(short).toBe(long);
  }, 60_000);
});
