import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfCatalog, pdfText, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { buildTestApp, type TestApp } from './helper.ts';

const SLUG = 'circular-plastics';

let t: TestApp;
let scratch: string;
beforeAll(async () => {
  t = await buildTestApp();
  scratch = await mkdtemp(join(tmpdir(), 'concord-languages-'));
});
afterAll(async () => {
  await t.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Follows an issuing address to the registered copy: its address, its text and the language it declares. */
async function issued(url: string): Promise<{ location: string; text: string; lang: unknown }> {
  const response = await t.app.inject(url);
  expect(response.statusCode, response.body).toBe(303);
  const location = String(response.headers.location);
  const file = await t.app.inject(location);
  expect(file.statusCode).toBe(200);
  const path = await writePdf(join(scratch, `${randomUUID()}.pdf`), file.rawPayload);
  return { location, text: squash(await pdfText(path)), lang: (await pdfCatalog(path)).catalog['/Lang'] };
}

describe('[DOCUMENTS] the declaration PDF in the reader’s language (?lang=)', () => {
  it('is issued once per language, in that language, and declares it', async () => {
    const english = await issued(`/documents/declaration/${SLUG}.pdf`);
    expect(english.text).toContain('Text of the declaration');
    expect(english.lang).toBe('u:en');
    const french = await issued(`/documents/declaration/${SLUG}.pdf?lang=fr`);
    expect(french.text).toContain('Texte de la déclaration');
    expect(french.lang).toBe('u:fr');
    const german = await issued(`/documents/declaration/${SLUG}.pdf?lang=de`);
    expect(german.text).toContain('Wortlaut der Erklärung');
    expect(new Set([english.location, french.location, german.location]).size).toBe(3);
    // The same state in the same language is the stored copy, not a new one.
    expect((await issued(`/documents/declaration/${SLUG}.pdf?lang=fr`)).location).toBe(french.location);
    expect((await issued(`/documents/declaration/${SLUG}.pdf?lang=en`)).location).toBe(english.location);
  });

  const hostile = ['xx', '', 'FR-fr', 'fr&lang=de', '%00', "fr'--", 'a'.repeat(5000)];
  it.each(hostile.map((value) => [value.length > 20 ? `${value.slice(0, 8)}… (${value.length})` : value, value]))(
    'takes ?lang=%s for no language of its own: the text’s, never a 500',
    async (_label, value) => {
      const english = await issued(`/documents/declaration/${SLUG}.pdf`);
      const response = await t.app.inject(`/documents/declaration/${SLUG}.pdf?lang=${value}`);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(english.location);
    },
  );
});
