import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@concord/db';
import { formatShare, formatTonnes } from '@concord/documents';
import { eq } from 'drizzle-orm';
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

/** The latest year with validated reports in the demo, and its figures as the API gives them. */
async function latestYear(): Promise<{ year: number; achievedTonnes: string; share: string; reportCount: number }> {
  const res = await t.graphql<{
    alliance: { progress: { byYear: { year: number; achievedTonnes: string; share: string; reportCount: number }[] } };
  }>(`{ alliance(slug: "${SLUG}") { progress { byYear { year achievedTonnes share reportCount } } } }`);
  const latest = res.data?.alliance.progress.byYear.at(-1);
  if (!latest) throw new Error(`the demo has no reported year: ${JSON.stringify(res.errors)}`);
  return latest;
}

describe('[DOCUMENTS] the progress report PDF in the reader’s language (?lang=)', () => {
  it('is issued once per language, in that language’s words and numbers, and declares it', async () => {
    const latest = await latestYear();
    const url = `/documents/progress/${SLUG}/${latest.year}.pdf`;
    const english = await issued(url);
    expect(english.lang).toBe('u:en');
    expect(english.text).toContain(`Achieved in ${latest.year} ${formatTonnes(latest.achievedTonnes)} t (`);
    expect(english.text).toContain(`${formatShare(latest.share)} of the target`);
    const french = await issued(`${url}?lang=fr`);
    expect(french.lang).toBe('u:fr');
    expect(french.text).toContain(`Rapport d’avancement ${latest.year}`);
    expect(french.text).toContain(
      `Réalisé en ${latest.year} ${formatTonnes(latest.achievedTonnes, 'fr').replace(/\s/g, ' ')} t (`,
    );
    expect(french.text).toContain(`${formatShare(latest.share, 'fr')} de l’objectif`);
    expect(french.text).not.toContain('Progress report');
    const german = await issued(`${url}?lang=de`);
    expect(german.lang).toBe('u:de');
    expect(german.text).toContain(`Fortschrittsbericht ${latest.year}`);
    expect(german.text).toContain(`Erreicht ${latest.year} ${formatTonnes(latest.achievedTonnes, 'de')} t (`);
    expect(german.text).not.toContain('Progress report');
    expect(new Set([english.location, french.location, german.location]).size).toBe(3);

    // The same figures in the same language are the stored copy; each copy is registered under its language.
    expect((await issued(`${url}?lang=de`)).location).toBe(german.location);
    expect((await issued(`${url}?lang=en`)).location).toBe(english.location);
    const sha256 = german.location.slice('/documents/'.length, -'.pdf'.length);
    const [row] = await t.database.db.select().from(schema.document).where(eq(schema.document.sha256, sha256));
    expect(row).toMatchObject({
      kind: 'progress_report',
      language: 'de',
      title: `Fortschrittsbericht ${latest.year}: Circular Plastics Alliance (demo)`,
      filename: `progress-report-${SLUG}-${latest.year}-de.pdf`,
    });
  });

  const hostile = ['xx', '', 'DE', 'de-DE', 'fr&lang=de', '%00', "de'--", 'a'.repeat(5000)];
  it.each(hostile.map((value) => [value.length > 20 ? `${value.slice(0, 8)}… (${value.length})` : value, value]))(
    'takes ?lang=%s for no language of its own: English, never a 500',
    async (_label, value) => {
      const { year } = await latestYear();
      const english = await issued(`/documents/progress/${SLUG}/${year}.pdf`);
      const response = await t.app.inject(`/documents/progress/${SLUG}/${year}.pdf?lang=${value}`);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(english.location);
    },
  );
});
