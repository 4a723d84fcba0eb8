import { FONT, type FontFace } from './fonts.ts';
import { type EmbeddedFont, useWordShaper } from './word-shaping.ts';

/** A4 portrait in points; the margins leave room at the bottom for the footer line. */
export const PAGE = {
  size: 'A4',
  width: 595.28,
  height: 841.89,
  margins: { top: 64, right: 64, bottom: 80, left: 64 },
} as const;

export const CONTENT_WIDTH = PAGE.width - PAGE.margins.left - PAGE.margins.right;

// Sober ink on white; one accent colour. All DeviceRGB, covered by the sRGB output intent PDF/A needs.
export const COLOR = {
  ink: '#1f2933',
  muted: '#52606d',
  accent: '#0b5e55',
  rule: '#cbd2d9',
  qr: '#000000',
} as const;

export interface TextStyle {
  face: FontFace;
  size: number;
  color: string;
}

export const STYLE = {
  eyebrow: { face: 'bold', size: 10, color: COLOR.accent },
  title: { face: 'bold', size: 24, color: COLOR.ink },
  heading: { face: 'bold', size: 14, color: COLOR.ink },
  subheading: { face: 'bold', size: 11.5, color: COLOR.accent },
  emphasis: { face: 'bold', size: 17, color: COLOR.ink },
  body: { face: 'regular', size: 10.5, color: COLOR.ink },
  label: { face: 'regular', size: 8.5, color: COLOR.muted },
  value: { face: 'regular', size: 10.5, color: COLOR.ink },
  row: { face: 'regular', size: 9.5, color: COLOR.ink },
  rowMeta: { face: 'regular', size: 8.5, color: COLOR.muted },
  small: { face: 'regular', size: 8, color: COLOR.muted },
} as const satisfies Record<string, TextStyle>;

/**
 * The operators PDFKit's `fillColor('#rrggbb')` writes (the colour space, then the colour), as one string: PDFKit
 * parses the colour and makes a buffer of each operator at every call, and a long list sets two colours a row.
 */
const fillOperators = new Map<string, string>();
function fillOperatorsOf(color: string): string {
  let operators = fillOperators.get(color);
  if (operators === undefined) {
    if (!/^#[0-9a-f]{6}$/i.test(color)) throw new Error(`not a #rrggbb colour: ${color}`);
    const hex = Number.parseInt(color.slice(1), 16);
    const rgb = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => part / 255);
    operators = `/DeviceRGB cs\n${rgb.join(' ')} scn`;
    fillOperators.set(color, operators);
  }
  return operators;
}

/** Sets the font, size and fill colour of `style`: the same operators as PDFKit's font, fontSize and fillColor. */
export function applyStyle(doc: PDFKit.PDFDocument, style: TextStyle): PDFKit.PDFDocument {
  doc.font(FONT[style.face]).fontSize(style.size);
  // Every text style goes through here: each face gets the short way for plain words on first use.
  useWordShaper((doc as unknown as { _font: EmbeddedFont })._font);
  doc.addContent(fillOperatorsOf(style.color));
  // What fillColor records, for PDFKit's own later use (an underline takes the fill colour).
  (doc as unknown as { _fillColor: unknown })._fillColor = [style.color, undefined];
  return doc;
}

/** `text` cut to fit `width` in the current font, with an ellipsis: for single-line furniture such as footers. */
export function fitLine(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * `style`, made smaller (down to `minSize`) until `text` fits in `maxLines` lines of `width`: a long legal name
 * shrinks rather than pushing the rest of a one-page certificate off the page.
 */
export function fitStyle(
  doc: PDFKit.PDFDocument,
  text: string,
  style: TextStyle,
  { width, maxLines, minSize }: { width: number; maxLines: number; minSize: number },
): TextStyle {
  for (let size = style.size; size > minSize; size -= 0.5) {
    const candidate = { ...style, size };
    applyStyle(doc, candidate);
    if (doc.heightOfString(text, { width }) <= maxLines * doc.currentLineHeight(true) + 0.01) return candidate;
  }
  return { ...style, size: minSize };
}
