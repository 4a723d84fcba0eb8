import { type DeclarationBlock, parseDeclarationMarkdown, plainTextOf } from '@concord/schema/values';
import type { DeclarationData, DeclarationSignatory } from './document-data.ts';
import { countryName, formatCount, hexLines, isoDate } from './formats.ts';
import { PageFurniture } from './page-furniture.ts';
import { applyStyle, COLOR, CONTENT_WIDTH, PAGE, STYLE } from './page-style.ts';
import { createPdfDocument, releaseFinishedPages, trimFontCaches } from './pdf-document.ts';
import { PdfSink } from './pdf-sink.ts';
import { addGroup, addTagged, drawArtifact } from './tagging.ts';
import { ensureSpace, type TextArguments, writeText } from './text-flow.ts';

const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;
const ROW_INDENT = 10;
const DATE_WIDTH = 78;
const NAME_WIDTH = CONTENT_WIDTH - ROW_INDENT - DATE_WIDTH - 14;
const ROW_GAP = 3;
const LIST_LABEL_WIDTH = 22;

/**
 * Streams the declaration with its signatories into `output`, hashing as it goes; ends `output` and resolves
 * once it has taken every byte. Signatories are read one at a time and each page is written out as soon as
 * the next one starts, so memory stays flat however long the list. On failure `output` is left unended.
 */
export async function renderDeclaration(
  data: DeclarationData,
  output: NodeJS.WritableStream,
): Promise<{ sha256: string; byteSize: number }> {
  const { declaration } = data;
  const doc = createPdfDocument({
    title: `${declaration.title} (version ${declaration.version}) with its signatories`,
    subject:
      `${declaration.title}, version ${declaration.version}, of the ${data.alliance.name}, with its ` +
      `${formatCount(data.signatoryCount)} active signatories as of ${isoDate(data.generatedAt)}.`,
    keywords: [data.alliance.name, 'declaration', 'signatories', `version ${declaration.version}`],
    language: data.language,
    createdAt: data.generatedAt,
    auditLogHead: data.auditLogHead,
  });
  const sink = new PdfSink(doc, output);
  try {
    const writer = new DeclarationWriter(doc, data);
    writer.front();
    await sink.flush();
    for (const block of parseDeclarationMarkdown(declaration.text)) {
      writer.textBlock(block);
      await sink.flush();
    }
    writer.signatoriesIntro();
    let flushedAt = writer.pages;
    for await (const signatory of data.signatories) {
      writer.signatory(signatory);
      // Only at page boundaries: a finished page is a few kilobytes, and waiting per row would cost time.
      if (writer.pages !== flushedAt) {
        flushedAt = writer.pages;
        trimFontCaches(doc);
        releaseFinishedPages(doc);
        await sink.flush();
      }
    }
    writer.close();
    return await sink.end();
  } finally {
    sink.dispose();
  }
}

/** Lays the declaration out top to bottom, page after page, tagging every piece as it goes. */
class DeclarationWriter {
  readonly #doc: PDFKit.PDFDocument;
  readonly #data: DeclarationData;
  readonly #furniture: PageFurniture;
  readonly #root: PDFKit.PDFStructureElement;
  #signatories: PDFKit.PDFStructureElement | null = null;
  #country: {
    code: string;
    name: string;
    section: PDFKit.PDFStructureElement;
    list: PDFKit.PDFStructureElement;
  } | null = null;
  #listed = 0;

  constructor(doc: PDFKit.PDFDocument, data: DeclarationData) {
    this.#doc = doc;
    this.#data = data;
    const { declaration } = data;
    this.#furniture = new PageFurniture(doc, {
      lead: declaration.title,
      tail: `, version ${declaration.version} · generated ${isoDate(data.generatedAt)} · ${data.verificationUrl}`,
      auditLogHead: data.auditLogHead,
    });
    this.#root = doc.struct('Document');
    doc.addStructure(this.#root);
  }

  get pages(): number {
    return this.#furniture.pages;
  }

  /** Title, version, and the note that lets a reader check this copy. */
  front(): void {
    const { declaration, alliance } = this.#data;
    this.#text(this.#root, 'P', alliance.name, STYLE.eyebrow, { gap: 6 });
    this.#text(this.#root, 'H1', declaration.title, STYLE.title, { gap: 6 });
    const published = declaration.publishedAt ? `published ${isoDate(declaration.publishedAt)}` : 'not yet published';
    const muted = { ...STYLE.body, color: COLOR.muted };
    this.#text(this.#root, 'P', `Version ${declaration.version}, ${published}`, muted, { gap: 16 });
    this.#note();
    this.#text(this.#root, 'H2', 'Text of the declaration', STYLE.heading, { gap: 8, keepWith: 40 });
  }

  /**
   * One block of the declaration's Markdown (the portal renders the same blocks): a heading in bold, a paragraph
   * justified, a list with its labels. Emphasis is not typeset; a link keeps its address beside its text.
   */
  textBlock(block: DeclarationBlock): void {
    if (block.kind === 'heading') {
      const role = block.level === 1 ? 'H3' : 'H4';
      const style = block.level === 1 ? STYLE.heading : STYLE.subheading;
      this.#text(this.#root, role, plainTextOf(block.spans), style, { gap: 6, keepWith: 40 });
      return;
    }
    if (block.kind === 'paragraph') {
      this.#text(this.#root, 'P', plainTextOf(block.spans), STYLE.body, { gap: 8, keepWith: 0, align: 'justify' });
      return;
    }
    const list = addGroup(this.#doc, this.#root, 'L');
    for (const item of block.items) {
      const entry = addGroup(this.#doc, list, 'LI');
      this.#ensureSpace(this.#doc.currentLineHeight(true) * 2);
      const top = this.#doc.y;
      this.#text(entry, 'Lbl', item.label, STYLE.body, { width: LIST_LABEL_WIDTH, x: LEFT + 8 });
      this.#doc.y = top;
      this.#text(entry, 'LBody', plainTextOf(item.spans), STYLE.body, {
        x: LEFT + 8 + LIST_LABEL_WIDTH,
        width: CONTENT_WIDTH - 8 - LIST_LABEL_WIDTH,
        gap: 4,
      });
      entry.end();
    }
    list.end();
    this.#doc.y += 4;
  }

  signatoriesIntro(): void {
    const doc = this.#doc;
    doc.y += 12;
    const section = addGroup(doc, this.#root, 'Sect');
    this.#signatories = section;
    const heading = `Signatories (${formatCount(this.#data.signatoryCount)})`;
    this.#text(section, 'H2', heading, STYLE.heading, { gap: 4, keepWith: 60 });
    this.#text(
      section,
      'P',
      'The organisations whose signature of this version is active, by country and then by name, with the date ' +
        'since which each signature is active (UTC).',
      { ...STYLE.body, color: COLOR.muted },
      { gap: 6 },
    );
  }

  signatory(signatory: DeclarationSignatory): void {
    const doc = this.#doc;
    const country = this.#startCountry(signatory.country);
    this.#furniture.use(STYLE.row);
    const nameHeight = this.#nameHeight(signatory.legalName);
    if (doc.y + nameHeight > BOTTOM) {
      doc.addPage();
      this.#continuedHeading(country.name);
      this.#furniture.use(STYLE.row);
    }
    const top = doc.y;
    const entry = addGroup(doc, country.list, 'LI');
    addTagged(doc, entry, 'LBody', () => {
      doc.text(signatory.legalName, LEFT + ROW_INDENT, top, { width: NAME_WIDTH });
      const bottom = doc.y;
      applyStyle(doc, STYLE.rowMeta);
      doc.text(isoDate(signatory.activeSince), LEFT + CONTENT_WIDTH - DATE_WIDTH, top + 1, {
        width: DATE_WIDTH,
        align: 'right',
      });
      applyStyle(doc, STYLE.row);
      doc.y = bottom + ROW_GAP;
    });
    entry.end();
    this.#listed++;
  }

  /** Ends the last country and states how many signatories were listed. */
  close(): void {
    this.#endCountry();
    const doc = this.#doc;
    const parent = this.#signatories ?? this.#root;
    doc.y += 10;
    const closing =
      this.#listed === 0
        ? 'No organisation has an active signature of this version yet.'
        : `End of the list: ${formatCount(this.#listed)} ${this.#listed === 1 ? 'signatory' : 'signatories'}.`;
    this.#text(parent, 'P', closing, { ...STYLE.body, color: COLOR.muted });
    this.#signatories?.end();
    this.#root.end();
  }

  #note(): void {
    const doc = this.#doc;
    const data = this.#data;
    const top = doc.y;
    const x = LEFT + 12;
    const width = CONTENT_WIDTH - 12;
    const note = addGroup(doc, this.#root, 'Div');
    this.#text(
      note,
      'P',
      `Generated on ${isoDate(data.generatedAt)} (UTC) by Concord, with the ${formatCount(data.signatoryCount)} ` +
        `${data.signatoryCount === 1 ? 'organisation' : 'organisations'} whose signature was active at that moment.`,
      STYLE.body,
      { x, width, gap: 4 },
    );
    this.#text(note, 'P', 'SHA-256 of the declaration text:', { ...STYLE.body, color: COLOR.muted }, { x, width });
    this.#text(note, 'P', hexLines(data.declaration.textSha256, 8).join('\n'), STYLE.body, {
      x,
      width,
      gap: 4,
      actual: data.declaration.textSha256,
    });
    const check = addGroup(doc, note, 'P');
    this.#text(check, 'Span', 'Check this document and its SHA-256 in the public register at', STYLE.body, {
      x,
      width,
    });
    this.#text(check, 'Link', data.verificationUrl, { ...STYLE.body, color: COLOR.accent }, { x, width, link: true });
    check.end();
    note.end();
    const bottom = doc.y;
    drawArtifact(doc, 'Layout', () => {
      doc.rect(LEFT, top, 3, bottom - top).fill(COLOR.accent);
    });
    doc.y = bottom + 18;
  }

  #startCountry(code: string): { name: string; list: PDFKit.PDFStructureElement } {
    if (this.#country?.code === code) return this.#country;
    this.#endCountry();
    const doc = this.#doc;
    const parent = this.#signatories ?? this.#root;
    const name = countryName(code);
    const section = addGroup(doc, parent, 'Sect');
    doc.y += this.#country ? 8 : 4;
    this.#text(section, 'H3', name, STYLE.subheading, { gap: 3, keepWith: 30 });
    const list = addGroup(doc, section, 'L');
    this.#country = { code, name, section, list };
    return this.#country;
  }

  #endCountry(): void {
    // Ending them lets PDFKit write them out and forget their children.
    this.#country?.list.end();
    this.#country?.section.end();
  }

  /** A country that runs over a page break gets its name again, as page furniture, not as a second heading. */
  #continuedHeading(name: string): void {
    const doc = this.#doc;
    drawArtifact(doc, 'Pagination', () => {
      applyStyle(doc, { ...STYLE.subheading, color: COLOR.muted });
      doc.text(`${name} (continued)`, LEFT, doc.y, { width: CONTENT_WIDTH });
    });
    doc.y += 3;
  }

  #nameHeight(name: string): number {
    const doc = this.#doc;
    // Most names fit on one line; measuring the width is much cheaper than wrapping.
    if (doc.widthOfString(name) <= NAME_WIDTH) return doc.currentLineHeight(true);
    return doc.heightOfString(name, { width: NAME_WIDTH });
  }

  #ensureSpace(height: number): void {
    ensureSpace(this.#doc, height);
  }

  /** A tagged block of text at the pen, flowing onto new pages if it must. */
  #text(...args: TextArguments): void {
    writeText(this.#doc, this.#furniture, ...args);
  }
}
