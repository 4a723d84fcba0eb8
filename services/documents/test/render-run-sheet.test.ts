import { describe, expect, it } from 'vitest';
import { methodInstructions, type RunSheetData, renderRunSheet } from '../src/index.ts';
import { expectArchivablePdf } from './pdf-expectations.ts';
import { pdfInfo, pdfStructElements, pdfText, squash, useScratchDir, writePdf } from './pdf-tools.ts';

/**
 * The run sheet of a meeting, read back: the meeting and every item minute by minute on the meeting's own clock,
 * each method's instructions, the overrun flagged, in English, French and German; archivable and tagged in each.
 */

const minute = 60_000;
// 09:30 in Brussels on 12 March 2027 (UTC+1): a meeting of 180 minutes whose script runs 200.
const START = new Date('2027-03-12T08:30:00Z');

function runSheet(language: string, overrides: Partial<RunSheetData> = {}): RunSheetData {
  const script: [string, number, RunSheetData['items'][number]['method'], Partial<RunSheetData['items'][number]>][] = [
    ['Welcome and the question', 20, 'CIRCLE', { hosts: 'Ana Sousa' }],
    [
      'World Café: three rounds',
      90,
      'WORLD_CAFE',
      {
        hosts: 'Ana Sousa and Jules Martin',
        question: 'What stops design for recycling in your part of the chain?',
        materials: 'Paper tablecloths, markers, a bell',
      },
    ],
    ['Coffee', 15, 'BREAK', {}],
    ['Open Space marketplace', 75, 'OPEN_SPACE', { materials: 'Marketplace wall, sticky notes' }],
  ];
  let offset = 0;
  const items = script.map(([title, durationMinutes, method, extra]) => {
    const startsAt = new Date(START.getTime() + offset * minute);
    offset += durationMinutes;
    return {
      title,
      durationMinutes,
      method,
      startsAt,
      endsAt: new Date(startsAt.getTime() + durationMinutes * minute),
      hosts: null,
      question: null,
      materials: null,
      ...extra,
    };
  });
  return {
    alliance: { name: 'Circular Plastics Alliance' },
    workingGroup: { name: 'Packaging' },
    meeting: {
      title: 'Design for recycling: the second meeting',
      purpose: 'Which packaging can be recyclable by 2025, and who changes what?',
      startsAt: START,
      endsAt: new Date(START.getTime() + 180 * minute),
      timeZone: 'Europe/Brussels',
      place: 'Rue de la Loi 200, Brussels',
      onlineUrl: 'https://meet.example/packaging-2',
    },
    items,
    generatedAt: new Date('2027-03-10T16:00:00Z'),
    language,
    ...overrides,
  };
}

const LANGUAGES = [
  {
    language: 'en',
    title: 'Run sheet: Design for recycling: the second meeting',
    phrases: [
      'Packaging · Circular Plastics Alliance',
      'Friday, 12 March 2027',
      '09:30–12:30 (Europe/Brussels)',
      '180 min, script 200 min',
      'The script runs 20 min past the meeting’s end at 12:30',
      '09:30–09:50 Welcome and the question Circle 20',
      '09:50–11:20 World Café: three rounds World Café 90',
      '11:35–12:50 (over) Open Space marketplace Open Space 75',
      '09:50–11:20 · World Café: three rounds',
      'Hosts Ana Sousa and Jules Martin',
      'Question What stops design for recycling in your part of the chain?',
      'Materials Paper tablecloths, markers, a bell',
      'Runs past the meeting’s end at 12:30, by 20 min.',
      'Page 1',
    ],
  },
  {
    language: 'fr',
    title: 'Déroulé : Design for recycling: the second meeting',
    phrases: [
      'vendredi 12 mars 2027',
      '09:30–12:30 (Europe/Brussels)',
      'réunion 180 min, déroulé 200 min',
      'Le déroulé dépasse de 20 min la fin de la réunion, prévue à 12:30',
      '09:30–09:50 Welcome and the question Cercle 20',
      '11:35–12:50 (dépassement) Open Space marketplace Forum ouvert (Open Space) 75',
      'Animation Ana Sousa and Jules Martin',
      'Matériel Paper tablecloths, markers, a bell',
      'Dépasse de 20 min la fin de la réunion, prévue à 12:30.',
      'Page 1',
    ],
  },
  {
    language: 'de',
    title: 'Ablaufplan: Design for recycling: the second meeting',
    phrases: [
      'Freitag, 12. März 2027',
      '09:30–12:30 (Europe/Brussels)',
      'Sitzung 180 Min., Ablauf 200 Min.',
      'Der Ablauf geht 20 Min. über das Ende der Sitzung um 12:30 hinaus',
      '09:30–09:50 Welcome and the question Kreisgespräch 20',
      '11:35–12:50 (über der Zeit) Open Space marketplace Open Space 75',
      'Moderation Ana Sousa and Jules Martin',
      'Frage What stops design for recycling in your part of the chain?',
      'Geht 20 Min. über das Ende der Sitzung um 12:30 hinaus.',
      'Seite 1',
    ],
  },
];

describe('the run sheet', () => {
  const scratch = useScratchDir();

  for (const { language, title, phrases } of LANGUAGES) {
    it(`reads back in ${language}: the meeting, each item minute by minute, the instructions, the overrun`, async () => {
      const path = await writePdf(scratch.path(`run-sheet-${language}.pdf`), await renderRunSheet(runSheet(language)));
      const { info } = await expectArchivablePdf(path, { title, language });
      // A working paper: no audit log head in the keywords or at the foot of the pages.
      expect(info.get('Keywords')).not.toContain('audit log head');
      const text = squash(await pdfText(path));
      for (const phrase of phrases) expect(text, phrase).toContain(phrase);
      expect(text).not.toContain('Audit log head');
      // Each method used gets its instructions, as many times as it is used.
      for (const method of ['CIRCLE', 'WORLD_CAFE', 'BREAK', 'OPEN_SPACE'] as const) {
        const words = squash(methodInstructions(method, language));
        expect(text.split(words).length - 1, method).toBe(1);
      }
      expect(text).not.toContain(squash(methodInstructions('FISHBOWL', language)));
      // Two headings of sections, one an item, and the table at a glance with a row an item.
      const types = (await pdfStructElements(path)).map((e) => e.type);
      expect(types.filter((type) => type === 'H1')).toHaveLength(1);
      expect(types.filter((type) => type === 'H2')).toHaveLength(2);
      expect(types.filter((type) => type === 'H3')).toHaveLength(4);
      expect(types.filter((type) => type === 'TR')).toHaveLength(5);
    });
  }

  it('keeps to the meeting’s clock across the change to summer time, and says nothing of an overrun that is not', async () => {
    // 01:30 in Brussels on 28 March 2027; the clocks go from 02:00 to 03:00.
    const startsAt = new Date('2027-03-28T00:30:00Z');
    const items = [
      { title: 'Night watch', method: 'PLENARY' as const, durationMinutes: 60 },
      { title: 'Dawn circle', method: 'CIRCLE' as const, durationMinutes: 30 },
    ].map((item, i) => ({
      ...item,
      startsAt: new Date(startsAt.getTime() + i * 60 * minute),
      endsAt: new Date(startsAt.getTime() + (i * 60 + item.durationMinutes) * minute),
      hosts: null,
      question: null,
      materials: null,
    }));
    const data = runSheet('en', {
      workingGroup: null,
      meeting: { ...runSheet('en').meeting, startsAt, endsAt: new Date(startsAt.getTime() + 90 * minute), place: null },
      items,
    });
    const path = await writePdf(scratch.path('run-sheet-dst.pdf'), await renderRunSheet(data));
    await expectArchivablePdf(path, { title: 'Run sheet: Design for recycling: the second meeting', pages: 1 });
    const text = squash(await pdfText(path));
    expect(text).toContain('Plenary of the Circular Plastics Alliance');
    expect(text).toContain('01:30–04:00 (Europe/Brussels)');
    expect(text).toContain('01:30–03:30 Night watch Plenary 60');
    expect(text).toContain('03:30–04:00 Dawn circle Circle 30');
    expect(text).toContain('90 min, script 90 min');
    expect(text).not.toContain('past the meeting’s end');
    expect(text).not.toContain('(over)');
    expect(text).not.toContain('Place');
  });

  it('says so when the script is empty', async () => {
    const path = await writePdf(
      scratch.path('run-sheet-empty.pdf'),
      await renderRunSheet(runSheet('de', { items: [] })),
    );
    const info = await pdfInfo(path);
    expect(info.get('Pages')).toBe('1');
    const text = squash(await pdfText(path));
    expect(text).toContain('Der Ablauf enthält noch keine Punkte.');
    expect(text).not.toContain('Minute für Minute');
  });

  it('gives the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([renderRunSheet(runSheet('fr')), renderRunSheet(runSheet('fr'))]);
    expect(a.equals(b)).toBe(true);
  });
});
