import { type DeclarationBlock, parseDeclarationMarkdown, plainTextOf } from '@concord/schema/values';
import type { DeclarationData, DeclarationSignatory } from './document-data.ts';
import { countryName, formatCount, hexLines, isoDate, languageName } from './formats.ts';
import { documentLocaleFor, documentMessages, documentPlurals } from './locales/index.ts';
import { drawLine, type LaidOutLine, layOutLine } from './one-line.ts';
import { PageFurniture } from './page-furniture.ts';
import { applyStyle, COLOR, CONTENT_WIDTH, PAGE, STYLE } from './page-style.ts';
import { createPdfDocument, releaseFinishedPages, trimFontCaches } from './pdf-document.ts';
import { PdfSink } from './pdf-sink.ts';
import { addGroup, drawArtifact, ItemWriter, type StructOptions } from './tagging.ts';
import { ensureSpace, type TextArguments, writeText } from './text-flow.ts';

const LEFT = PAGE.margins.left;
const BOTTOM = PAGE.height - PAGE.margins.bottom;
const ROW_INDENT = 10;
const DATE_WIDTH = 78;
const NAME_WIDTH = CONTENT_WIDTH - ROW_INDENT - DATE_WIDTH - 14;
const ROW_GAP = 3;
const LIST_LABEL_WIDTH = 22;

/** The document's title in its reader's language (the declaration's own title stays as it was published). */
export function declarationDocumentTitle(
  data: Pick<DeclarationData, 'declaration' | 'language' | 'readerLanguage' | 'translation'>,
): string {
  const { version } = data.declaration;
  const title = data.translation?.title ?? data.declaration.title;
  return documentMessages(data.readerLanguage ?? data.language)('declaration_document_title', { title, version });
}

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
  // The document speaks its reader's language and declares it; the declaration's text is marked with its own.
  const language = documentLocaleFor(data.readerLanguage ?? data.language);
  const t = documentMessages(language);
  const doc = createPdfDocument({
    title: declarationDocumentTitle(data),
    subject: t('declaration_subject', {
      title: data.translation?.title ?? declaration.title,
      version: declaration.version,
      alliance: data.alliance.name,
      count: formatCount(data.signatoryCount, language),
      date: isoDate(data.generatedAt),
    }),
    keywords: [
      data.alliance.name,
      t('declaration_keyword'),
      t('declaration_keyword_signatories'),
      t('declaration_keyword_version', { version: declaration.version }),
    ],
    language,
    createdAt: data.generatedAt,
    auditLogHead: data.auditLogHead,
  });
  const sink = new PdfSink(doc, output);
  try {
    const writer = new DeclarationWriter(doc, data, language);
    writer.front();
    await sink.flush();
    for (const block of parseDeclarationMarkdown(data.translation?.text ?? declaration.text)) {
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
        // Counting the cache's words costs time too: every 16 pages (about 800 rows) is often enough.
        if (flushedAt % 16 === 0) trimFontCaches(doc);
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
    items: ItemWriter;
  } | null = null;
  #listed = 0;
  /** The declaration's own text, between its heading and the signatories. */
  #body: PDFKit.PDFStructureElement | null = null;
  readonly #language: string;
  readonly #t: ReturnType<typeof documentMessages>;
  readonly #plural: ReturnType<typeof documentPlurals>;
  /** The declaration's text, tagged with its language when it is not the document's. */
  readonly #textOptions: StructOptions;

  constructor(doc: PDFKit.PDFDocument, data: DeclarationData, language: string) {
    this.#doc = doc;
    this.#data = data;
    this.#language = language;
    this.#t = documentMessages(language);
    this.#plural = documentPlurals(language);
    const textLanguage = data.translation?.language ?? data.language;
    this.#textOptions = textLanguage === language ? {} : { lang: textLanguage };
    const { declaration } = data;
    this.#furniture = new PageFurniture(doc, {
      lead: data.translation?.title ?? declaration.title,
      tail: this.#t('declaration_footer_tail', {
        version: declaration.version,
        date: isoDate(data.generatedAt),
        url: data.verificationUrl,
      }),
      auditLogHead: data.auditLogHead,
      pageLabel: (page) => this.#t('document_page', { page }),
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
    this.#text(this.#root, 'H1', this.#data.translation?.title ?? declaration.title, STYLE.title, { gap: 6 });
    const version = declaration.publishedAt
      ? this.#t('declaration_version_published', {
          version: declaration.version,
          date: isoDate(declaration.publishedAt),
        })
      : this.#t('declaration_version_unpublished', { version: declaration.version });
    const muted = { ...STYLE.body, color: COLOR.muted };
    this.#text(this.#root, 'P', version, muted, { gap: 16 });
    this.#note();
    this.#text(this.#root, 'H2', this.#t('declaration_text_heading'), STYLE.heading, { gap: 8, keepWith: 40 });
    this.#body = addGroup(this.#doc, this.#root, 'Div', this.#textOptions);
  }

  /**
   * One block of the declaration's Markdown (the portal renders the same blocks): a heading in bold, a paragraph
   * justified, a list with its labels. Emphasis is not typeset; a link keeps its address beside its text.
   */
  textBlock(block: DeclarationBlock): void {
    const body = this.#body ?? this.#root;
    if (block.kind === 'heading') {
      const role = block.level === 1 ? 'H3' : 'H4';
      const style = block.level === 1 ? STYLE.heading : STYLE.subheading;
      this.#text(body, role, plainTextOf(block.spans), style, { gap: 6, keepWith: 40 });
      return;
    }
    if (block.kind === 'paragraph') {
      this.#text(body, 'P', plainTextOf(block.spans), STYLE.body, { gap: 8, keepWith: 0, align: 'justify' });
      return;
    }
    const list = addGroup(this.#doc, body, 'L');
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
    this.#body?.end();
    doc.y += 12;
    const section = addGroup(doc, this.#root, 'Sect');
    this.#signatories = section;
    const heading = this.#t('declaration_signatories_heading', {
      count: formatCount(this.#data.signatoryCount, this.#language),
    });
    this.#text(section, 'H2', heading, STYLE.heading, { gap: 4, keepWith: 60 });
    this.#text(
      section,
      'P',
      this.#t('declaration_signatories_intro'),
      { ...STYLE.body, color: COLOR.muted },
      { gap: 6 },
    );
  }

  signatory(signatory: DeclarationSignatory): void {
    const doc = this.#doc;
    const country = this.#startCountry(signatory.country);
    this.#furniture.use(STYLE.row);
    const name = this.#nameLayout(signatory.legalName);
    if (doc.y + name.height > BOTTOM) {
      doc.addPage();
      this.#continuedHeading(country.name);
      // The row's font and size again (the same font object): the name's layout still holds.
      this.#furniture.use(STYLE.row);
    }
    const top = doc.y;
    country.items.item(() => {
      // A name on one line (nearly all) is drawn from the layout that measured it, without PDFKit's line wrapper,
      // which would lay its words out again to find where to break.
      if (name.line) drawLine(doc, name.line, LEFT + ROW_INDENT, top);
      else doc.text(signatory.legalName, LEFT + ROW_INDENT, top, { width: NAME_WIDTH });
      const bottom = name.line ? top + name.height : doc.y;
      applyStyle(doc, STYLE.rowMeta);
      // Right-aligned by its measured width, as the wrapper's `align: 'right'` would place it.
      const date = layOutLine(doc, isoDate(signatory.activeSince));
      drawLine(doc, date, LEFT + CONTENT_WIDTH - date.width, top + 1);
      doc.x = LEFT;
      doc.y = bottom + ROW_GAP;
    });
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
        ? this.#t('declaration_none')
        : this.#plural('declaration_end', this.#listed, { count: formatCount(this.#listed, this.#language) });
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
      this.#plural('declaration_generated', data.signatoryCount, {
        date: isoDate(data.generatedAt),
        count: formatCount(data.signatoryCount, this.#language),
      }),
      STYLE.body,
      { x, width, gap: 4 },
    );
    const hash = (label: string, sha256: string) => {
      this.#text(note, 'P', label, { ...STYLE.body, color: COLOR.muted }, { x, width });
      this.#text(note, 'P', hexLines(sha256, 8).join('\n'), STYLE.body, { x, width, gap: 4, actual: sha256 });
    };
    const { translation } = data;
    if (translation) {
      // A translation says so before anything else, and gives the authentic text's hash first: that one is signed.
      this.#text(
        note,
        'P',
        this.#t('declaration_translation_notice', {
          language: languageName(translation.language, this.#language),
          authentic: languageName(data.language, this.#language),
        }),
        STYLE.body,
        { x, width, gap: 4 },
      );
      hash(this.#t('declaration_authentic_sha256'), data.declaration.textSha256);
      hash(this.#t('declaration_translation_sha256'), translation.textSha256);
    } else {
      hash(this.#t('declaration_text_sha256'), data.declaration.textSha256);
    }
    const check = addGroup(doc, note, 'P');
    this.#text(check, 'Span', this.#t('document_check_register'), STYLE.body, {
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

  #startCountry(code: string): { name: string; items: ItemWriter } {
    if (this.#country?.code === code) return this.#country;
    this.#endCountry();
    const doc = this.#doc;
    const parent = this.#signatories ?? this.#root;
    const name = countryName(code, this.#language);
    const section = addGroup(doc, parent, 'Sect');
    doc.y += this.#country ? 8 : 4;
    this.#text(section, 'H3', name, STYLE.subheading, { gap: 3, keepWith: 30 });
    const list = addGroup(doc, section, 'L');
    this.#country = { code, name, section, list, items: new ItemWriter(doc, list) };
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
      doc.text(this.#t('declaration_country_continued', { country: name }), LEFT, doc.y, { width: CONTENT_WIDTH });
    });
    doc.y += 3;
  }

  /** A name's height, and its layout when it fits on one line (most do: measuring is much cheaper than wrapping). */
  #nameLayout(name: string): { height: number; line: LaidOutLine | null } {
    const doc = this.#doc;
    if (!name.includes('\n')) {
      const line = layOutLine(doc, name);
      if (line.width <= NAME_WIDTH) return { height: doc.currentLineHeight(true), line };
    }
    return { height: doc.heightOfString(name, { width: NAME_WIDTH }), line: null };
  }

  #ensureSpace(height: number): void {
    ensureSpace(this.#doc, height);
  }

  /** A tagged block of text at the pen, flowing onto new pages if it must. */
  #text(...args: TextArguments): void {
    writeText(this.#doc, this.#furniture, ...args);
  }
}
