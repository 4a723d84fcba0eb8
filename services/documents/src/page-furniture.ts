import type { AuditLogHeadData } from './document-data.ts';
import { drawLine, layOutLine } from './one-line.ts';
import { applyStyle, COLOR, CONTENT_WIDTH, fitLine, PAGE, STYLE, type TextStyle } from './page-style.ts';
import { drawArtifact } from './tagging.ts';

/** The footer's line: `lead` (a title, cut with an ellipsis if it must) followed by `tail`, kept whole. */
export interface FooterText {
  lead: string;
  tail: string;
  /** The audit log's head when the document was issued: a second line, on every page (none on a working paper). */
  auditLogHead?: AuditLogHeadData;
  /** The page number as the document's language writes it (`Page 2`, `Seite 2`); English without it. */
  pageLabel?: (page: number) => string;
}

/** Where the footer's first line sits: below the body's bottom margin. */
const FOOTER_TOP = PAGE.height - PAGE.margins.bottom + 24;

/** The audit log's head as every document prints it, whole, so that it can be checked (auditLogCheck). */
export function auditLogHeadText(head: AuditLogHeadData): string {
  return `Audit log head at issue: #${head.seq} ${head.hash}`;
}

/**
 * The footer's second line: the audit log's head at issue, as page furniture (an artifact; the keywords
 * carry it too). Drawn by PageFurniture on every page, and by the one-page certificate itself.
 */
export function drawAuditLogHead(doc: PDFKit.PDFDocument, head: AuditLogHeadData): void {
  drawArtifact(doc, 'Pagination', () => {
    applyStyle(doc, STYLE.small);
    drawLine(doc, layOutLine(doc, auditLogHeadText(head)), PAGE.margins.left, FOOTER_TOP + 12);
  });
}

/**
 * Draws the running footer (a line of context and the page number) on every page as it is created, including
 * the pages PDFKit adds by itself when a paragraph runs over, and puts the pen back as the body left it.
 */
export class PageFurniture {
  readonly #doc: PDFKit.PDFDocument;
  readonly #footer: FooterText;
  #style: TextStyle = STYLE.body;
  #pages = 0;
  /** The footer's first line without the page number: the same on every page, so fitted once. */
  #line: string | undefined;

  constructor(doc: PDFKit.PDFDocument, footer: FooterText) {
    this.#doc = doc;
    this.#footer = footer;
    doc.on('pageAdded', () => this.#decorate());
    // PDFKit opened the first page before anyone could listen.
    this.#decorate();
  }

  /** Pages so far; the current page's number. */
  get pages(): number {
    return this.#pages;
  }

  /** Sets the body text style and remembers it, to restore after a footer drawn mid-paragraph. */
  use(style: TextStyle): void {
    this.#style = style;
    applyStyle(this.#doc, style);
  }

  #decorate(): void {
    const doc = this.#doc;
    this.#pages++;
    const left = PAGE.margins.left;
    const top = FOOTER_TOP;
    const numberWidth = 70;
    drawArtifact(doc, 'Pagination', () => {
      doc
        .moveTo(left, top - 8)
        .lineTo(left + CONTENT_WIDTH, top - 8)
        .lineWidth(0.5)
        .stroke(COLOR.rule);
      applyStyle(doc, STYLE.small);
      this.#line ??= this.#fittedLine(numberWidth);
      // One line each, drawn as text(…, { lineBreak: false }) would draw them, from one layout (one-line.ts).
      drawLine(doc, layOutLine(doc, this.#line), left, top);
      const label = layOutLine(doc, this.#footer.pageLabel?.(this.#pages) ?? `Page ${this.#pages}`);
      drawLine(doc, label, left + CONTENT_WIDTH - label.width, top);
    });
    if (this.#footer.auditLogHead) drawAuditLogHead(doc, this.#footer.auditLogHead);
    applyStyle(doc, this.#style);
    doc.x = left;
    doc.y = PAGE.margins.top;
  }

  /** `lead` cut to leave room for `tail` and the page number, then `tail`, in the footer's style. */
  #fittedLine(numberWidth: number): string {
    const { lead, tail } = this.#footer;
    const tailWidth = this.#doc.widthOfString(tail);
    return `${fitLine(this.#doc, lead, Math.max(0, CONTENT_WIDTH - numberWidth - 12 - tailWidth))}${tail}`;
  }
}
