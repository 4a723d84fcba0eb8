import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeclarationData, renderCertificate, renderDeclaration } from '../src/index.ts';
import { AUDIT_LOG_HEAD, certificate, DECLARATION_TEXT, sha256 } from './fixtures.ts';
import { expectArchivablePdf } from './pdf-expectations.ts';
import { pdfText, scratchDir, squash, writePdf } from './pdf-tools.ts';

/**
 * Every document the alliance issues, in each of Concord's languages, read back: its own words in the reader's
 * language, declared in /Lang, and archivable (qpdf, tagging, fonts) in each; the facts (names, titles as
 * published, ISO dates, hashes) as they are.
 */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function* lazily<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const declaration = (readerLanguage: string): DeclarationData => ({
  alliance: { name: 'Circular Plastics Alliance' },
  declaration: {
    title: 'Declaration of the Circular Plastics Alliance',
    version: 3,
    text: DECLARATION_TEXT,
    textSha256: sha256(DECLARATION_TEXT),
    publishedAt: day('2019-09-20'),
  },
  generatedAt: new Date('2024-05-01T12:00:00Z'),
  signatoryCount: 2,
  signatories: lazily([
    { legalName: 'Müller & Söhne Kunststoffe GmbH', country: 'DE', activeSince: day('2019-09-20') },
    { legalName: 'Αλκυρίνη Πλαστικά Ι.Κ.Ε.', country: 'GR', activeSince: day('2019-11-02') },
  ]),
  verificationUrl: 'https://concord.example/verify',
  language: 'en',
  readerLanguage,
  auditLogHead: AUDIT_LOG_HEAD,
});

const LANGUAGES = [
  {
    language: 'en',
    declaration: {
      title: 'Declaration of the Circular Plastics Alliance (version 3) with its signatories',
      phrases: [
        'Version 3, published 2019-09-20',
        'Text of the declaration',
        'Signatories (2)',
        'Germany',
        'Greece',
        'End of the list: 2 signatories.',
        'Page 1',
      ],
    },
    certificate: ['Certificate of signature', 'This certifies that', 'Greece'],
  },
  {
    language: 'fr',
    declaration: {
      title: 'Declaration of the Circular Plastics Alliance (version 3) et ses signataires',
      phrases: [
        'Version 3, publiée le 2019-09-20',
        'Texte de la déclaration',
        'Signataires (2)',
        'Allemagne',
        'Grèce',
        'Fin de la liste : 2 signataires.',
        'Page 1',
      ],
    },
    certificate: ['Certificat de signature', 'Le présent certificat atteste que', 'Grèce'],
  },
  {
    language: 'de',
    declaration: {
      title: 'Declaration of the Circular Plastics Alliance (Version 3) mit ihren Unterzeichnern',
      phrases: [
        'Version 3, veröffentlicht am 2019-09-20',
        'Wortlaut der Erklärung',
        'Unterzeichner (2)',
        'Deutschland',
        'Griechenland',
        'Ende der Liste: 2 Unterzeichner.',
        'Seite 1',
      ],
    },
    certificate: ['Unterzeichnungszertifikat', 'Hiermit wird bescheinigt, dass', 'Griechenland'],
  },
];
const ENGLISH_ONLY = ['Text of the declaration', 'End of the list', 'Certificate of signature', 'Check this'];

describe('the documents in every language', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir();
  });
  afterAll(() => scratch.dispose());

  it.each(LANGUAGES)(
    'the declaration in $language: its own words translated, its text as published',
    async (expected) => {
      const path = scratch.path(`declaration-${expected.language}.pdf`);
      await renderDeclaration(declaration(expected.language), createWriteStream(path));
      await expectArchivablePdf(path, { title: expected.declaration.title, language: expected.language });
      const text = squash(await pdfText(path));
      for (const phrase of expected.declaration.phrases) expect(text).toContain(phrase);
      // The declaration's text is the one published (English here), whatever the reader's language.
      expect(text).toContain('Declaration of the Circular Plastics Alliance');
      expect(text).toContain('Müller & Söhne Kunststoffe GmbH');
      expect(text.replace(/\s/g, '')).toContain(sha256(DECLARATION_TEXT));
      if (expected.language !== 'en') for (const english of ENGLISH_ONLY) expect(text).not.toContain(english);
    },
  );

  it.each(LANGUAGES)('the certificate in $language', async (expected) => {
    const data = certificate({ language: expected.language });
    const path = await writePdf(scratch.path(`certificate-${expected.language}.pdf`), await renderCertificate(data));
    const title = `${expected.certificate[0]}${expected.language === 'fr' ? ' : ' : ': '}${data.organisation.legalName}`;
    await expectArchivablePdf(path, { title, language: expected.language, pages: 1 });
    const text = squash(await pdfText(path));
    for (const phrase of expected.certificate) expect(text).toContain(phrase);
    if (expected.language !== 'en') for (const english of ENGLISH_ONLY) expect(text).not.toContain(english);
  });
});
