import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createPdfDocument, releaseFinishedPages } from '../src/pdf-document.ts';
import { addGroup, addTagged } from '../src/tagging.ts';
import { parentTreeMismatches, useScratchDir } from './pdf-tools.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const PAGES = 4;
const ROWS = 30;

/**
 * Draws PAGES pages of ROWS tagged rows, each page's rows in a section ended with the page (as the
 * declaration's country lists are), and returns weak references to the first page's row elements, taken
 * before the rest is drawn, and the file written.
 */
async function draw(path: string, release: boolean) {
  const doc = createPdfDocument({
    title: 'Rows',
    subject: 'Rows',
    keywords: [],
    language: 'en',
    createdAt: new Date('2024-01-01T00:00:00Z'),
    auditLogHead: { seq: 1, hash: 'ab'.repeat(32) },
  });
  const file = createWriteStream(path);
  doc.pipe(file);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const firstPage: WeakRef<object>[] = [];
  for (let page = 0; page < PAGES; page++) {
    if (page > 0) {
      doc.addPage();
      if (release) releaseFinishedPages(doc);
    }
    const section = addGroup(doc, root, 'Sect');
    for (let row = 0; row < ROWS; row++) {
      const element = addTagged(doc, section, 'P', () => doc.text(`Row ${row} of page ${page + 1}`));
      element.end();
      if (page === 0) firstPage.push(new WeakRef((element as unknown as { dictionary: object }).dictionary));
    }
    section.end();
    if (page === 0) firstPage.push(new WeakRef((doc as unknown as { page: { dictionary: object } }).page.dictionary));
    if (release) releaseFinishedPages(doc);
  }
  // Out of the drawing's scope, then a turn of the event loop: WeakRefs hold until the job that read them ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const alive = firstPage.filter((ref) => ref.deref() !== undefined).length;
  root.end();
  doc.end();
  await finished(file);
  return { alive };
}

describe(releaseFinishedPages.name, () => {
  const scratch = useScratchDir();

  it('lets the elements and dictionaries of finished pages be collected, and the parent tree still names each one', async () => {
    const path = scratch.path('released.pdf');
    const { alive } = await draw(path, true);
    expect(alive).toBe(0);
    const { checked, mismatches } = await parentTreeMismatches(path);
    expect(mismatches).toEqual([]);
    expect(checked).toBe(PAGES * ROWS);
  });

  it('is what frees them: without it, the first page’s rows and its dictionary are kept', async () => {
    const { alive } = await draw(scratch.path('kept.pdf'), false);
    expect(alive).toBe(ROWS + 1);
  });

  it('changes no byte of the file', async () => {
    await Promise.all([draw(scratch.path('a.pdf'), true), draw(scratch.path('b.pdf'), false)]);
    const [released, kept] = await Promise.all([readFile(scratch.path('a.pdf')), readFile(scratch.path('b.pdf'))]);
    expect(released.equals(kept)).toBe(true);
  });
});
