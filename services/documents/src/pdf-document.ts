import PDFDocument from 'pdfkit';
import type { AuditLogHeadData } from './document-data.ts';
import { FONT } from './fonts.ts';
import { PAGE } from './page-style.ts';

export interface PdfMetadata {
  title: string;
  subject: string;
  keywords: readonly string[];
  /** BCP 47 */
  language: string;
  createdAt: Date;
  /**
   * Added to the keywords, so that the head at issue is in the metadata as well as on the page. Left out of a
   * working paper that is not registered (the run sheet).
   */
  auditLogHead?: AuditLogHeadData;
}

/**
 * A new PDF/A-3a, tagged PDF 1.7 document with DejaVu Sans as its only font. The output depends only on the
 * metadata and what is drawn (PDFKit derives the file ID from the info dictionary), so rendering the same data
 * twice gives the same bytes and the same SHA-256.
 */
export function createPdfDocument(meta: PdfMetadata): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    subset: 'PDF/A-3a',
    tagged: true,
    pdfVersion: '1.7',
    lang: meta.language,
    displayTitle: true,
    // Off, so that each finished page is written out as soon as the next one starts: documents stream.
    bufferPages: false,
    // The default font: without it PDFKit loads Helvetica, which cannot be embedded and so breaks PDF/A.
    font: FONT.regular,
    info: {
      Title: meta.title,
      Author: 'Concord',
      Subject: meta.subject,
      Keywords: [
        ...meta.keywords,
        ...(meta.auditLogHead ? [`audit log head #${meta.auditLogHead.seq} ${meta.auditLogHead.hash}`] : []),
      ].join(', '),
      Creator: 'Concord',
      CreationDate: meta.createdAt,
    },
  });
  escapeXmpInfo(doc);
  writeStringsAsBytes(doc);
  return doc;
}

/** Collects a small document into one buffer: call before drawing, then draw and end the document. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The part of PDFKit's internals that writes to the file. */
interface FileWriter {
  _write(data: string | Uint8Array): void;
}

/**
 * PDFKit writes every object of the file (a tagged declaration has two structure elements a row) as several strings,
 * each turned into bytes by a loop in JavaScript, one character at a time, then wrapped in a Buffer by the stream: a
 * tenth of the time of a long declaration. Node's Latin-1 encoding gives the same bytes, the low byte of each UTF-16
 * unit (pdf-document.test.ts checks all of them, and a document against PDFKit's own writer), as a Buffer at once.
 */
function writeStringsAsBytes(doc: PDFKit.PDFDocument): void {
  const writer = doc as unknown as FileWriter;
  const write = writer._write;
  writer._write = function (data) {
    write.call(this, typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data);
  };
}

/** The part of PDFKit's internals that writes the info dictionary into the XMP metadata. */
interface XmpInfoWriter {
  info: PDFKit.DocumentInfo;
  _addInfo(): void;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeXml = (s: string | undefined) => s?.replace(/[&<>]/g, (c) => XML_ENTITIES[c] ?? c);

/**
 * PDFKit copies Title, Author, Subject and Keywords into the XMP packet without escaping them, so an
 * organisation called "Smith & Sons" would make the metadata invalid XML, and the file no longer PDF/A. The
 * info dictionary keeps the plain strings; only the XMP copy is escaped.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const writer = doc as unknown as XmpInfoWriter;
  const addInfo = writer._addInfo;
  writer._addInfo = () => {
    const info = writer.info;
    writer.info = {
      ...info,
      Title: escapeXml(info.Title),
      Author: escapeXml(info.Author),
      Subject: escapeXml(info.Subject),
      Keywords: escapeXml(info.Keywords),
    };
    try {
      addInfo.call(writer);
    } finally {
      writer.info = info;
    }
  };
}

/** The part of PDFKit's internals that holds each font's cache of laid-out words. */
interface FontCaches {
  _fontFamilies: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * Bounds PDFKit's per-font cache of laid-out words. The cache makes measuring and drawing text several times
 * faster (laying a word out with the font's shaping rules is most of the cost of a row), but it keeps every
 * distinct word of the document: with thousands of organisation names it would grow without end (a few hundred bytes a
 * word since a word's positions are shared, word-shaping.ts; about a kilobyte before). Emptied once it holds more than
 * `maxWords` words, it keeps its speed (the common words, such as "GmbH", and the page furniture's, are back in it at
 * once) and its memory stays bounded however long the list: a few megabytes at 20,000 words. 10,000 synthetic names
 * hold about 6,000 distinct words; a bound of 4,000 emptied the cache every few pages and laid most words out again
 * (15 % of the time of 10,000 rows, tests/bench/documents.ts).
 */
export function trimFontCaches(doc: PDFKit.PDFDocument, maxWords = 20_000): void {
  for (const font of Object.values((doc as unknown as FontCaches)._fontFamilies)) {
    if (!font.layoutCache) continue;
    let words = 0;
    for (const _ in font.layoutCache) if (++words > maxWords) break;
    if (words > maxWords) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
}

/** The parts of PDFKit's internals that map each page's marked content to its structure element, and list the pages. */
interface StructParentTree {
  getStructParentTree(): { _items: Record<string, unknown> };
  page?: { dictionary: { data: { StructParents?: number } } };
  _root: { data: { Pages: { data: { Kids: ReferenceLike[] } } } };
}

interface ReferenceLike {
  id: number;
  gen: number;
}

/** Per document: the parent tree's keys and the pages already released. */
const releasedUpTo = new WeakMap<object, { key: number; page: number }>();

/**
 * Lets the structure elements of finished pages go. The parent tree (written last) names, for every marked
 * piece of every page, the structure element it belongs to; PDFKit keeps the element's whole dictionary object
 * for that, and through it its parent's, about half a kilobyte a row. Once a page is done only the object
 * numbers are needed: the page's entry becomes its array as PDFKit will write it, one string (about ten bytes a
 * row), or, if it holds something other than references, the same array with each reference made bare. The page
 * tree's entries for finished pages become bare references too.
 */
export function releaseFinishedPages(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as StructParentTree;
  const items = internals.getStructParentTree()._items;
  const released = releasedUpTo.get(doc) ?? { key: 0, page: 0 };
  // Read, not the page's getter: that would give a page without marked content a key.
  const current = internals.page?.dictionary.data.StructParents;
  for (; current !== undefined && released.key < current; released.key++) {
    const entries = items[released.key];
    if (!Array.isArray(entries)) continue;
    items[released.key] = writtenArray(entries) ?? entries.map((e) => (isReference(e) ? bareReference(e) : e));
  }
  // The page tree lists every page by its dictionary, written when the page was: a bare reference will do.
  const pages = internals._root.data.Pages.data.Kids;
  for (; released.page < pages.length - 1; released.page++) {
    pages[released.page] = bareReference(pages[released.page] as ReferenceLike);
  }
  releasedUpTo.set(doc, released);
}

/**
 * An array of references as one object PDFKit writes by its `toString`, as it would write the array: the references
 * separated by single spaces. Null if the array holds anything else (PDFKit then writes it as before).
 */
function writtenArray(entries: unknown[]): object | null {
  const [like] = entries;
  if (!isReference(like)) return null;
  const prototype = Object.getPrototypeOf(like);
  const items: string[] = [];
  for (const entry of entries) {
    if (!isReference(entry) || Object.getPrototypeOf(entry) !== prototype) return null;
    items.push(`${entry.id} ${entry.gen} R`);
  }
  const written = `[${items.join(' ')}]`;
  return writtenAs(like, () => written);
}

/**
 * An object PDFKit writes as `text()`, verbatim: one of its reference class (`like`'s), which PDFKit writes by its
 * `toString` wherever it meets it, in an array or a dictionary.
 */
export function writtenAs(like: ReferenceLike, text: () => string): object {
  return Object.create(Object.getPrototypeOf(like), { toString: { value: text } });
}

function isReference(value: unknown): value is ReferenceLike {
  return typeof value === 'object' && value !== null && 'id' in value && 'gen' in value;
}

/** A reference PDFKit writes as `id gen R` (it checks the prototype), without the object it refers to. */
export function bareReference(reference: ReferenceLike): ReferenceLike {
  return Object.setPrototypeOf({ id: reference.id, gen: reference.gen }, Object.getPrototypeOf(reference));
}
