import type { PageFurniture } from './page-furniture.ts';
import { CONTENT_WIDTH, PAGE, type TextStyle } from './page-style.ts';
import { addTagged } from './tagging.ts';

const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;

export interface TextOptions {
  x?: number;
  width?: number;
  /** Space after, in points. */
  gap?: number;
  /** Space to keep free below the first lines, so that a heading does not end a page alone. */
  keepWith?: number;
  align?: 'left' | 'justify';
  /** The text is a URL: make it a link to itself. */
  link?: boolean;
  /** The text as assistive technology should read it (ActualText). */
  actual?: string;
}

/** What a block of text is: its parent in the structure tree, its tag (P, H2, Lbl…), the text, its style. */
export type TextArguments = [
  parent: PDFKit.PDFStructureElement,
  type: string,
  text: string,
  style: TextStyle,
  options?: TextOptions,
];

/** Starts a new page unless `height` fits above the bottom margin. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

/**
 * A tagged block of text at the pen, flowing onto new pages if it must. The style goes through the page
 * furniture, which restores it after drawing a footer mid-paragraph.
 */
export function writeText(doc: PDFKit.PDFDocument, furniture: PageFurniture, ...args: TextArguments): void {
  const [parent, type, text, style, options = {}] = args;
  const { x = LEFT, width = CONTENT_WIDTH, gap = 0, keepWith, align, link, actual } = options;
  furniture.use(style);
  // A heading is kept with the start of what follows it; a paragraph just needs its first lines.
  const height = Math.min(doc.heightOfString(text, { width }), doc.currentLineHeight(true) * 2);
  ensureSpace(doc, height + (keepWith ?? 0));
  addTagged(
    doc,
    parent,
    type,
    () => {
      doc.text(text, x, doc.y, { width, align, link: link ? text : undefined });
      doc.x = LEFT;
    },
    actual ? { actual } : {},
  );
  doc.y += gap;
}
