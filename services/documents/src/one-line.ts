/**
 * One line of text laid out once and drawn from that layout. PDFKit's `text(s, x, y, { lineBreak: false })` lays the
 * same string out three times (to measure it for links and underlines, to encode it, and to move the pen), and a
 * caller that checks the width first adds a fourth; a declaration with 10,000 signatories draws 20,000 such lines.
 * `layOutLine` asks the font once (PDFKit's per-word cache, shaping included) and `drawLine` writes the operators
 * PDFKit would write for that call, byte for byte (one-line.test.ts compares the files). Only the plain case: no line
 * breaks, no spacing, alignment, links or decorations, the fill colour already set.
 */

/** The parts of PDFKit's embedded font a line needs (PDFKit's types do not describe them). */
interface EmbeddedFont {
  id: string;
  ascender: number;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  layout(text: string): { glyphs: Glyph[]; positions: Position[]; advanceWidth: number };
  ref(): unknown;
}
interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface DocumentInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown> };
}

export interface LaidOutLine {
  readonly text: string;
  /** In points, as `doc.widthOfString(text)` gives it. */
  readonly width: number;
  readonly font: unknown;
  readonly size: number;
  readonly glyphs: readonly Glyph[];
  readonly positions: readonly Position[];
}

/** `text` laid out in the current font and size: its width, and what `drawLine` needs. One line: no `\n`. */
export function layOutLine(doc: PDFKit.PDFDocument, text: string): LaidOutLine {
  const { _font: font, _fontSize: size } = doc as unknown as DocumentInternals;
  if (text.includes('\n')) throw new Error('layOutLine takes one line');
  const { glyphs, positions, advanceWidth } = font.layout(text);
  // widthOfString's arithmetic, in its order (font size over 1000, then its horizontal scaling of 100 %): the last bit
  // of a width depends on it.
  const width = (advanceWidth * (size / 1000) * 100) / 100;
  return { text, width, font, size, glyphs, positions };
}

/** PDFKit's number format in content streams (PDFObject.number). */
const number = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Draws `line` with its top at (`x`, `y`) as `doc.text(line.text, x, y, { lineBreak: false })` would, and leaves the
 * pen where that call leaves it. The font and size must be the ones it was laid out in.
 */
export function drawLine(doc: PDFKit.PDFDocument, line: LaidOutLine, x: number, y: number): void {
  const internals = doc as unknown as DocumentInternals;
  const { _font: font, _fontSize: size, page } = internals;
  if (font !== line.font || size !== line.size) throw new Error('drawLine: the font or size changed since layOutLine');
  doc.x = x;
  doc.y = y;
  if (line.text.length === 0) return;
  const dy = (font.ascender / 1000) * size;
  const baseline = page.height - y - dy;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  // What save(), transform(…), BT … ET and restore() write, as one string: PDFKit makes a buffer of every operator it
  // is given. The transformation is undone before the string ends, so the document's own matrix is left alone.
  const ops = [
    'q',
    `1 0 0 -1 0 ${number(page.height)} cm`,
    'BT',
    `1 0 0 1 ${number(x)} ${number(baseline)} Tm`,
    `/${font.id} ${number(size)} Tf`,
  ];
  const encoded = line.glyphs.map((glyph) => {
    const gid = font.subset.includeGlyph(glyph.id);
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
    return `0000${gid.toString(16)}`.slice(-4);
  });
  const { positions } = line;
  const scale = size / 1000;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  let penX = x;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const previous = positions[cur - 1] as Position;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${number(-(previous.xAdvance - previous.advanceWidth))}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      ops.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const pos = positions[i] as Position;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      ops.push(`1 0 0 1 ${number(penX + pos.xOffset * scale)} ${number(baseline + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        ops.push(`1 0 0 1 ${number(penX)} ${number(baseline)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    penX += pos.xAdvance * scale;
  }
  flush(i);
  ops.push('ET', 'Q', '');
  // As bytes: PDFKit turns a string into bytes one character at a time (and adds the newline given here).
  doc.addContent(Buffer.from(ops.join('\n'), 'latin1'));
  doc.x = x + line.width;
}
