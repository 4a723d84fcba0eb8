import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { renderCertificate } from '../src/index.ts';
import { CERTIFICATE_QR } from '../src/render-certificate.ts';
import { AUDIT_LOG_HEAD, certificate, sha256 } from './fixtures.ts';
import { expectArchivablePdf, expectAuditLogHead } from './pdf-expectations.ts';
import {
  linkTargets,
  pdfCatalog,
  pdfText,
  pdfXmp,
  readQrModules,
  squash,
  useScratchDir,
  writePdf,
} from './pdf-tools.ts';

describe(renderCertificate.name, () => {
  const scratch = useScratchDir();

  it('renders one archivable page with every fact a reader checks', async () => {
    const data = certificate();
    const path = await writePdf(scratch.path('certificate.pdf'), await renderCertificate(data));

    await expectArchivablePdf(path, { title: 'Certificate of signature: Αλκυρίνη Πλαστικά Ι.Κ.Ε.', pages: 1 });
    const text = squash(await pdfText(path));
    for (const expected of [
      'Circular Plastics Alliance',
      'Certificate of signature',
      'Αλκυρίνη Πλαστικά Ι.Κ.Ε.',
      'Greece',
      'Ελένη Παπαδοπούλου',
      'Chief Executive Officer',
      'Declaration of the Circular Plastics Alliance',
      'Version 2, published 2019-09-20',
      data.signatureId,
    ]) {
      expect(text).toContain(expected);
    }
    // Dates are UTC calendar dates: signed at 23:30 UTC is still 1 October, wherever the server runs.
    expect(text).toMatch(/Signed \(UTC\) 2019-10-01/);
    expect(text).toMatch(/Active since \(UTC\) 2019-10-03/);
    // The hash is printed in groups of eight for the eye, and a long URL wraps: their characters are all there.
    expect(text.replace(/\s/g, '')).toContain(data.declaration.textSha256);
    expect(text.replace(/\s/g, '')).toContain(data.verificationUrl);
    // The printed address is also a link to it.
    expect(await linkTargets(path)).toContain(data.verificationUrl);
  });

  it.each([
    [
      'fr-BE',
      'fr',
      ['Certificat de signature', 'Le présent certificat atteste que', 'Grèce', 'Vérifier ce certificat'],
    ],
    [
      'de',
      'de',
      ['Unterzeichnungszertifikat', 'Hiermit wird bescheinigt, dass', 'Griechenland', 'Dieses Zertifikat prüfen'],
    ],
  ])('is written in its reader’s language (%s), which it declares', async (locale, language, phrases) => {
    const data = certificate({ language: locale });
    const path = await writePdf(scratch.path(`certificate-${language}.pdf`), await renderCertificate(data));
    const text = squash(await pdfText(path));
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(text).not.toContain('Certificate of signature');
    // The facts stay as they are: the names, the declaration's own title, the dates in ISO 8601, the hash.
    expect(text).toContain('Αλκυρίνη Πλαστικά Ι.Κ.Ε.');
    expect(text).toContain('Declaration of the Circular Plastics Alliance');
    expect(text).toContain('2019-10-01');
    expect(text.replace(/\s/g, '')).toContain(data.declaration.textSha256);
    expect((await pdfCatalog(path)).catalog['/Lang']).toBe(`u:${language}`);
  });

  it('prints the audit log head it was issued at, whole, at the foot of the page and in the keywords', async () => {
    const path = await writePdf(scratch.path('head.pdf'), await renderCertificate(certificate()));
    await expectAuditLogHead(path, AUDIT_LOG_HEAD);
  });

  it('renders Cyrillic and Latin names with diacritics, and escapes them in the XMP metadata', async () => {
    const path = await writePdf(
      scratch.path('cyrillic.pdf'),
      await renderCertificate(
        certificate({
          organisation: { legalName: 'Тракилон Пластмаси ЕООД & Przetwórstwo Tworzyw Sp. z o.o.', country: 'BG' },
          signer: { name: 'Željka Đurić-Šimunović', jobTitle: 'Управител <Managing Director>' },
        }),
      ),
    );
    await expectArchivablePdf(path, {
      title: 'Certificate of signature: Тракилон Пластмаси ЕООД & Przetwórstwo Tworzyw Sp. z o.o.',
      pages: 1,
    });
    const text = squash(await pdfText(path));
    expect(text).toContain('Тракилон Пластмаси ЕООД & Przetwórstwo Tworzyw Sp. z o.o.');
    expect(text).toContain('Bulgaria');
    expect(text).toContain('Željka Đurić-Šimunović');
    expect(text).toContain('Управител <Managing Director>');
    const xmp = await pdfXmp(path);
    expect(xmp).toContain('Тракилон Пластмаси ЕООД &amp; Przetwórstwo Tworzyw Sp. z o.o.');
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('keeps a very long legal name on the one page, wrapped and made smaller rather than overflowing', async () => {
    const legalName =
      'Europäische Vereinigung der Hersteller, Verarbeiter und Verwerter von Kunststoffrezyklaten für ' +
      'Verpackungen, Bauprodukte, Fahrzeuge sowie Elektro- und Elektronikgeräte eingetragener Verein';
    const path = await writePdf(
      scratch.path('long-name.pdf'),
      await renderCertificate(certificate({ organisation: { legalName, country: 'DE' } })),
    );
    await expectArchivablePdf(path, { title: `Certificate of signature: ${legalName}`, pages: 1 });
    expect(squash(await pdfText(path))).toContain(legalName);
  });

  it.each([
    [
      'en',
      'A translation (French); what was signed is the authentic text (English)',
      'SHA-256 of the translation read',
    ],
    [
      'fr',
      'Une traduction (français) ; le texte signé est le texte faisant foi (anglais)',
      'SHA-256 de la traduction lue',
    ],
    [
      'de',
      'Eine Übersetzung (Französisch); unterzeichnet ist der verbindliche Wortlaut (Englisch)',
      'SHA-256 der gelesenen Übersetzung',
    ],
  ])(
    'in %s, says the signer read a translation, with its hash beside the authentic text’s',
    async (language, says, label) => {
      const translationSha256 = sha256('Nous, signataires, travaillons le long de la chaîne de valeur des plastiques.');
      const legalName =
        'Europäische Vereinigung der Hersteller, Verarbeiter und Verwerter von Kunststoffrezyklaten für ' +
        'Verpackungen, Bauprodukte, Fahrzeuge sowie Elektro- und Elektronikgeräte eingetragener Verein';
      const data = certificate({
        language,
        organisation: { legalName, country: 'DE' },
        textRead: { language: 'fr', textSha256: translationSha256 },
      });
      const path = await writePdf(scratch.path(`translation-${language}.pdf`), await renderCertificate(data));
      await expectArchivablePdf(path, {
        title: `${language === 'en' ? 'Certificate of signature: ' : language === 'fr' ? 'Certificat de signature : ' : 'Unterzeichnungszertifikat: '}${legalName}`,
        pages: 1,
        language,
      });
      const text = squash(await pdfText(path));
      expect(text).toContain(says);
      expect(text).toContain(label);
      const bare = text.replace(/\s/g, '');
      expect(bare).toContain(data.declaration.textSha256);
      expect(bare).toContain(translationSha256);
      // Still clear of the QR code and the verification text pinned to the foot of the page.
      expect(bare).toContain(data.verificationUrl);
    },
  );

  it('says the signer read the authentic text when they did', async () => {
    const path = await writePdf(
      scratch.path('authentic.pdf'),
      await renderCertificate(certificate({ language: 'de' })),
    );
    const text = squash(await pdfText(path));
    expect(text).toContain('Bei der Unterzeichnung gelesen Der verbindliche Wortlaut (Englisch)');
    expect(text).not.toContain('Übersetzung');
  });

  it('gives the same bytes for the same data, so a copy can be checked by its SHA-256', async () => {
    const [a, b] = await Promise.all([renderCertificate(certificate()), renderCertificate(certificate())]);
    expect(a.equals(b)).toBe(true);
  });

  it('draws a QR code that reads back, pixel by pixel, as the code of the verification URL', async () => {
    const data = certificate();
    const path = await writePdf(scratch.path('qr.pdf'), await renderCertificate(data));
    const { modules } = QRCode.create(data.verificationUrl, { errorCorrectionLevel: 'M' });
    const read = await readQrModules(path, CERTIFICATE_QR, modules.size);
    const expected = Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1),
    );
    expect(read).toEqual(expected);
  });
});
