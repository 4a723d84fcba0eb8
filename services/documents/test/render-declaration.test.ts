import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type DeclarationData, type DeclarationSignatory, renderDeclaration } from '../src/index.ts';
import { syntheticSignatories, syntheticSignatoryList } from '../src/testing.ts';
import { AUDIT_LOG_HEAD, DECLARATION_TEXT, sha256 } from './fixtures.ts';
import { expectArchivablePdf, expectAuditLogHead } from './pdf-expectations.ts';
import { linkTargets, pdfInfo, pdfText, squash, useScratchDir } from './pdf-tools.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Ordered by country, then name, as the register serves them.
const SIGNATORIES: DeclarationSignatory[] = [
  { legalName: 'Тракилон Пластмаси ЕООД', country: 'BG', activeSince: day('2019-10-03') },
  { legalName: 'Ябълка Рециклиране АД', country: 'BG', activeSince: day('2020-01-15') },
  { legalName: 'Müller & Söhne Kunststoffe GmbH & Co. KG', country: 'DE', activeSince: day('2019-09-20') },
  {
    legalName:
      'Verband der Kunststofferzeuger, Kunststoffverarbeiter, Recycler und Maschinenbauer für eine ' +
      'Kreislaufwirtschaft in Europa eingetragener Verein (Arbeitsgemeinschaft Rezyklateinsatz)',
    country: 'DE',
    activeSince: day('2021-06-30'),
  },
  { legalName: 'Αλκυρίνη Πλαστικά Ι.Κ.Ε.', country: 'GR', activeSince: day('2019-11-02') },
  { legalName: 'Przetwórstwo Tworzyw Sp. z o.o.', country: 'PL', activeSince: day('2022-03-01') },
  { legalName: 'Łódzkie Zakłady Recyklingu S.A.', country: 'PL', activeSince: day('2023-12-31') },
];

async function* lazily<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const declarationData = (signatories: AsyncIterable<DeclarationSignatory>, count: number): DeclarationData => ({
  alliance: { name: 'Circular Plastics Alliance' },
  declaration: {
    title: 'Declaration of the Circular Plastics Alliance',
    version: 3,
    text: DECLARATION_TEXT,
    textSha256: sha256(DECLARATION_TEXT),
    publishedAt: day('2019-09-20'),
  },
  generatedAt: new Date('2024-05-01T12:00:00Z'),
  signatoryCount: count,
  signatories,
  verificationUrl: 'https://concord.example/verify',
  language: 'en',
  auditLogHead: AUDIT_LOG_HEAD,
});

const TITLE = 'Declaration of the Circular Plastics Alliance (version 3) with its signatories';

/** Renders into a file, as the API streams into storage; returns what the renderer reported and the file. */
async function renderToFile(data: DeclarationData, path: string) {
  const result = await renderDeclaration(data, createWriteStream(path));
  return { result, file: await readFile(path) };
}

describe(renderDeclaration.name, () => {
  const scratch = useScratchDir();

  it('shows a translation as one, in its language, with the authentic text’s hash and its own', async () => {
    const text =
      'Nous, signataires, travaillons le long de la chaîne de valeur des plastiques dans l’Union européenne.';
    const title = 'Déclaration de l’Alliance pour une économie circulaire des plastiques';
    const path = scratch.path('translation-fr.pdf');
    await renderToFile(
      {
        ...declarationData(lazily(SIGNATORIES), SIGNATORIES.length),
        readerLanguage: 'fr',
        translation: { language: 'fr', title, text, textSha256: sha256(text) },
      },
      path,
    );
    await expectArchivablePdf(path, { title: `${title} (version 3) et ses signataires`, language: 'fr' });
    const read = squash(await pdfText(path));
    expect(read).toContain(title);
    expect(read).toContain(text);
    expect(read).not.toContain('We, the signatories');
    expect(read).toContain(
      'Ceci est une traduction en français. Le texte faisant foi, celui qui est signé, est en anglais',
    );
    const bare = read.replace(/\s/g, '');
    expect(bare).toContain(`SHA-256dutextefaisantfoi:${sha256(DECLARATION_TEXT)}`);
    expect(bare).toContain(`SHA-256decettetraduction:${sha256(text)}`);
  });

  it('prints the audit log head it was issued at on every page, and in the keywords', async () => {
    const path = scratch.path('head.pdf');
    await renderToFile(declarationData(syntheticSignatories(300), 300), path);
    expect(Number((await pdfInfo(path)).get('Pages'))).toBeGreaterThan(3);
    await expectAuditLogHead(path, AUDIT_LOG_HEAD);
  });

  it('lists every signatory under its country, in order, in any EU script', async () => {
    const path = scratch.path('declaration.pdf');
    const { result, file } = await renderToFile(declarationData(lazily(SIGNATORIES), SIGNATORIES.length), path);

    expect(result).toEqual({ sha256: createHash('sha256').update(file).digest('hex'), byteSize: file.length });
    await expectArchivablePdf(path, { title: TITLE, pages: 1 });
    const text = squash(await pdfText(path));
    for (const expected of [
      'Declaration of the Circular Plastics Alliance',
      'Version 3, published 2019-09-20',
      'Generated on 2024-05-01 (UTC)',
      'with the 7 organisations',
      'https://concord.example/verify',
      'We, the signatories, work along the plastics value chain in the European Union.',
      '1. A work plan on design for recycling, by 31 March 2020.',
      'This declaration does not create legal obligations.',
      'Signatories (7)',
      'End of the list: 7 signatories.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, '')).toContain(sha256(DECLARATION_TEXT));

    // Country headings in English, each followed by its signatories in the order given, with their dates.
    const order = [
      'Bulgaria',
      'Тракилон Пластмаси ЕООД 2019-10-03',
      'Ябълка Рециклиране АД 2020-01-15',
      'Germany',
      'Müller & Söhne Kunststoffe GmbH & Co. KG 2019-09-20',
      SIGNATORIES[3]?.legalName ?? '',
      'Greece',
      'Αλκυρίνη Πλαστικά Ι.Κ.Ε. 2019-11-02',
      'Poland',
      'Przetwórstwo Tworzyw Sp. z o.o. 2022-03-01',
      'Łódzkie Zakłady Recyklingu S.A. 2023-12-31',
    ];
    const positions = order.map((s) => text.indexOf(s));
    expect(
      positions.every((p) => p >= 0),
      `missing: ${order.filter((_, i) => positions[i] === -1)}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await linkTargets(path)).toContain('https://concord.example/verify');
  });

  it('says so when nobody has signed yet', async () => {
    const path = scratch.path('empty.pdf');
    await renderToFile(declarationData(lazily([]), 0), path);
    await expectArchivablePdf(path, { title: TITLE, pages: 1 });
    expect(squash(await pdfText(path))).toContain('No organisation has an active signature of this version yet.');
  });

  // The benchmark (tests/bench/documents.ts) renders 10,000 and 50,000 for time and memory; here, enough for
  // dozens of pages and every country's page breaks, each name read back.
  it('streams 2,000 signatories onto numbered pages, every name legible, hash and size as written', async () => {
    const count = 2_000;
    const path = scratch.path('declaration-2000.pdf');
    const { result, file } = await renderToFile(declarationData(syntheticSignatories(count), count), path);

    expect(result.byteSize).toBe(file.length);
    expect(result.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const { info } = await expectArchivablePdf(path, { title: TITLE });
    const pages = Number(info.get('Pages'));
    expect(pages).toBeGreaterThan(20);

    const raw = await pdfText(path);
    expect(raw).toContain(`Page ${pages}`);
    const text = squash(raw);
    const signatories = await syntheticSignatoryList(count);
    // Each name after the one before: all there, and in the order given (country, then name).
    let from = 0;
    const missing: string[] = [];
    for (const { legalName } of signatories) {
      const at = text.indexOf(legalName, from);
      if (at === -1) missing.push(legalName);
      else from = at + legalName.length;
    }
    expect(missing).toEqual([]);
    expect(
      signatories.some((s) => /[α-ω]/.test(s.legalName)) && signatories.some((s) => /[а-я]/.test(s.legalName)),
    ).toBe(true);
    expect(text).toContain('End of the list: 2,000 signatories.');
  }, 60_000);

  it('writes pages out while it is still reading signatories, and waits for a slow reader', async () => {
    const count = 3_000;
    let written = 0;
    let writtenWhenHalfRead = -1;
    async function* watched() {
      let read = 0;
      for await (const signatory of syntheticSignatories(count)) {
        if (++read === count / 2) writtenWhenHalfRead = written;
        yield signatory;
      }
    }
    // A reader that takes a moment for every chunk: the renderer must wait for it, not pile up pages.
    const output = new PassThrough({ highWaterMark: 16 * 1024 });
    const chunks: Buffer[] = [];
    const reader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        chunks.push(chunk);
        setTimeout(done, 1);
      },
    });
    output.pipe(reader);
    const result = await renderDeclaration(declarationData(watched(), count), output);
    await new Promise((resolve) => reader.on('finish', resolve));

    expect(writtenWhenHalfRead).toBeGreaterThan(100_000);
    const file = Buffer.concat(chunks);
    expect(result).toEqual({ sha256: createHash('sha256').update(file).digest('hex'), byteSize: file.length });
  }, 60_000);

  it('fails, without ending the output, when the signatories cannot be read', async () => {
    async function* failing() {
      yield* syntheticSignatories(500);
      throw new Error('database connection lost');
    }
    const output = new PassThrough();
    output.resume();
    await expect(renderDeclaration(declarationData(failing(), 1000), output)).rejects.toThrow(
      'database connection lost',
    );
    expect(output.writableEnded).toBe(false);
  });

  it('rejects when the output fails', async () => {
    const output = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error('disk full'));
      },
    });
    await expect(renderDeclaration(declarationData(syntheticSignatories(2_000), 2_000), output)).rejects.toThrow(
      'disk full',
    );
  });

  it('rejects when the reader goes away mid-document', async () => {
    const output = new PassThrough({ highWaterMark: 1024 });
    output.once('data', () => output.destroy());
    await expect(renderDeclaration(declarationData(syntheticSignatories(2_000), 2_000), output)).rejects.toThrow();
  });

  it('gives the same bytes for the same data', async () => {
    const render = async () => {
      const chunks: Buffer[] = [];
      const output = new PassThrough();
      output.on('data', (chunk: Buffer) => chunks.push(chunk));
      const { sha256: hash } = await renderDeclaration(
        declarationData(lazily(SIGNATORIES), SIGNATORIES.length),
        output,
      );
      return { hash, file: Buffer.concat(chunks) };
    };
    const [a, b] = [await render(), await render()];
    expect(a.hash).toBe(b.hash);
    expect(a.file.equals(b.file)).toBe(true);
  });

  it('puts a page number on every page', async () => {
    const path = scratch.path('pages.pdf');
    await renderToFile(declarationData(syntheticSignatories(400), 400), path);
    const pages = Number((await pdfInfo(path)).get('Pages'));
    expect(pages).toBeGreaterThan(3);
    const text = await pdfText(path);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page}\n`);
  });
});
