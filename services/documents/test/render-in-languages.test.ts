import { createWriteStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type DeclarationData,
  progressLabels,
  renderCertificate,
  renderDeclaration,
  renderProgressReport,
} from '../src/index.ts';
import { AUDIT_LOG_HEAD, certificate, DECLARATION_TEXT, progressReport, sha256 } from './fixtures.ts';
import { expectArchivablePdf } from './pdf-expectations.ts';
import { pdfText, squash, useScratchDir, writePdf } from './pdf-tools.ts';

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

/** The progress report's words and figures in each language (the fixture's CPA-like figures). */
const PROGRESS = [
  {
    language: 'en',
    title: 'Progress report 2024: Circular Plastics Alliance',
    phrases: [
      'Toward 10 Mt of recycled plastics used in products every year by 2025. Baseline: 4 Mt in 2016.',
      'Target 10,000,000.000 t of uptake a year by 2025 (10 Mt)',
      'Achieved in 2024 6,011,250.000 t (6.01 Mt), 60.11 % of the target, from 118 validated reports',
      'Based on 6 years (2019–2024), the least-squares trend projects 6.37 Mt in 2025 (± 160.9 kt, a 95 % ' +
        'prediction interval): short by 3.63 Mt of the target of 10 Mt. Confidence: high.',
      '2019 4,123,456.789 41.23 % 61 4.08 Mt',
      '2025 (target year) – – – 6.37 Mt ± 160.9 kt',
      'Packaging 41 6,100,000.000 3,900,000.000',
      'Germany 21 4,100,000.000 2,500,000.500',
      'No working group 10',
      'It rises by 381.8 kt a year.',
      'Page 1',
    ],
  },
  {
    language: 'fr',
    title: 'Rapport d’avancement 2024 : Circular Plastics Alliance',
    phrases: [
      'Vers 10 Mt de plastiques recyclés utilisés dans des produits chaque année d’ici 2025. Référence : 4 Mt en 2016.',
      'Objectif 10 000 000,000 t par an (utilisation) d’ici 2025 (10 Mt)',
      'Réalisé en 2024 6 011 250,000 t (6,01 Mt), 60,11 % de l’objectif, d’après 118 rapports validés',
      // Cut where no hyphen or dash could end a line.
      'Sur la base de 6 années',
      'la tendance des moindres carrés projette 6,37 Mt en 2025 (± 160,9 kt, un intervalle de prévision à 95 %)',
      '3,63 Mt en deçà de l’objectif de 10 Mt. Fiabilité : élevée.',
      '2019 4 123 456,789 41,23 % 61 4,08 Mt',
      '2025 (année cible) – – – 6,37 Mt ± 160,9 kt',
      'Emballage 41 6 100 000,000 3 900 000,000',
      'Allemagne 21 4 100 000,000 2 500 000,500',
      'Aucun groupe de travail 10',
      'Elle monte de 381,8 kt par an.',
      'Comment les chiffres sont établis',
      'Page 1',
    ],
  },
  {
    language: 'de',
    title: 'Fortschrittsbericht 2024: Circular Plastics Alliance',
    phrases: [
      'Auf dem Weg zu 10 Mt Kunststoffrezyklat pro Jahr, in Produkten eingesetzt, bis 2025. Ausgangswert: 4 Mt im Jahr 2016.',
      'Ziel 10.000.000,000 t Abnahme pro Jahr bis 2025 (10 Mt)',
      'Erreicht 2024 6.011.250,000 t (6,01 Mt), 60,11 % des Ziels, aus 118 validierten Berichten',
      'Auf Grundlage von 6 Jahren',
      'ergibt der Trend nach der Methode der kleinsten Quadrate 6,37 Mt im Jahr 2025 (± 160,9 kt, ein 95',
      '3,63 Mt unter dem Ziel von 10 Mt. Verlässlichkeit: hoch.',
      '2019 4.123.456,789 41,23 % 61 4,08 Mt',
      '2025 (Zieljahr) – – – 6,37 Mt ± 160,9 kt',
      'Verpackungen 41 6.100.000,000 3.900.000,000',
      'Deutschland 21 4.100.000,000 2.500.000,500',
      'Keine Arbeitsgruppe 10',
      'Er steigt um 381,8 kt pro Jahr.',
      'Wie die Zahlen entstehen',
      'Seite 1',
    ],
  },
];
const PROGRESS_ENGLISH_ONLY = [
  'Progress report',
  'Summary',
  'validated report',
  'a year',
  'How the figures',
  'Check this',
];

/** The fixture's report in `language`, its rows named as the API names them for that language. */
function progressReportIn(language: string) {
  const labels = progressLabels(language);
  const english = progressReport();
  const relabel: Record<string, string> = {
    Packaging: labels.sector('PACKAGING'),
    Construction: labels.sector('CONSTRUCTION'),
    'Electrical and electronic equipment': labels.sector('ELECTRICAL_ELECTRONIC'),
    'No working group': labels.noWorkingGroup,
    Bulgaria: labels.country('BG'),
    Germany: labels.country('DE'),
    Greece: labels.country('GR'),
  };
  return progressReport({
    language,
    breakdowns: english.breakdowns.map((b) => ({
      ...b,
      rows: b.rows.map((r) => ({
        ...r,
        label: b.dimension === 'working_group' && r.label === 'Packaging' ? r.label : (relabel[r.label] ?? r.label),
      })),
    })),
  });
}

describe('the documents in every language', () => {
  const scratch = useScratchDir();

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

  it.each(PROGRESS)('the progress report in $language: words, numbers and labels', async (expected) => {
    const path = scratch.path(`progress-${expected.language}.pdf`);
    await renderProgressReport(progressReportIn(expected.language), createWriteStream(path));
    await expectArchivablePdf(path, { title: expected.title, language: expected.language });
    const text = squash(await pdfText(path));
    for (const phrase of expected.phrases) expect(text).toContain(phrase);
    if (expected.language !== 'en') for (const english of PROGRESS_ENGLISH_ONLY) expect(text).not.toContain(english);
  });
});
