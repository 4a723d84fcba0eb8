import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { buildTestApp, type TestApp } from './helper.ts';

/**
 * docs/exports.md, "Headings in the reader's language": `?lang=fr|de|en` heads a workbook's columns in that
 * language above the field names; CSV and JSON keep the field names alone, whatever `lang` says; a language
 * Concord does not write is refused on `lang`.
 */

const SLUG = 'circular-plastics';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function get(url: string) {
  const response = await t.app.inject({ method: 'GET', url });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
}

/** Each sheet's rows as arrays of cell values (row 1 first). */
async function workbook(url: string): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await get(url)).rawPayload as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  book.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

const FILES = [
  {
    file: 'signatories',
    sheets: { en: ['Signatories'], fr: ['Signataires'], de: ['Unterzeichner'] },
    headings: {
      en: ['Organisation ID', 'Legal name', 'Country', 'Kind of organisation'],
      fr: ['Identifiant de l’organisation', 'Dénomination sociale', 'Pays', 'Type d’organisation'],
      de: ['Organisations-ID', 'Amtlicher Name', 'Land', 'Organisationsart'],
    },
  },
  {
    file: 'pledges',
    sheets: { en: ['Pledges'], fr: ['Engagements'], de: ['Zusagen'] },
    headings: {
      en: ['Pledge ID', 'Organisation', 'Country', 'Kind of organisation', 'Pledge kind (supply or uptake)'],
      fr: [
        'Identifiant de l’engagement',
        'Organisation',
        'Pays',
        'Type d’organisation',
        'Type d’engagement (fourniture ou utilisation)',
      ],
      de: ['Zusage-ID', 'Organisation', 'Land', 'Organisationsart', 'Art der Zusage (Angebot oder Abnahme)'],
    },
  },
  {
    file: 'progress',
    sheets: {
      en: ['Progress by year', 'Supply-uptake gap'],
      fr: ['Avancement par année', 'Écart fourniture-utilisation'],
      de: ['Fortschritt nach Jahr', 'Lücke Angebot-Abnahme'],
    },
    headings: {
      en: ['Year', 'Tonnes achieved', 'Validated reports', 'Share of the target'],
      fr: ['Année', 'Tonnes réalisées', 'Rapports validés', 'Part de l’objectif'],
      de: ['Jahr', 'Erreichte Tonnen', 'Validierte Berichte', 'Anteil am Ziel'],
    },
  },
] as const;

describe('[OPEN DATA] export headings in the reader’s language (?lang=)', () => {
  describe.each(FILES)('$file', ({ file, sheets, headings }) => {
    const base = `/exports/${file}`;

    it.each(['en', 'fr', 'de'] as const)(
      'a workbook in %s: its headings, then the field names, then the rows',
      async (lang) => {
        const plain = await workbook(`${base}.xlsx?alliance=${SLUG}`);
        const read = await workbook(`${base}.xlsx?alliance=${SLUG}&lang=${lang}`);
        expect([...read.keys()]).toEqual(sheets[lang]);
        const [first] = [...read.values()];
        const [plainFirst] = [...plain.values()];
        if (!first || !plainFirst) throw new Error('no sheet');
        expect(first[0]?.slice(0, headings[lang].length)).toEqual(headings[lang]);
        // The field names are the second row, exactly the plain workbook's header, and every row follows them.
        expect(first[1]).toEqual(plainFirst[0]);
        expect(first.slice(2)).toEqual(plainFirst.slice(1));
        expect(first.length).toBeGreaterThan(2);
        // Every column has a heading of its own, never its field name again.
        expect(first[0]?.length).toBe(first[1]?.length);
        expect(first[0]?.filter((label, i) => label === first[1]?.[i])).toEqual([]);
      },
    );

    it('keeps the CSV and the JSON in field names alone, whatever lang says', async () => {
      for (const format of ['csv', 'json']) {
        const plain = (await get(`${base}.${format}?alliance=${SLUG}`)).body;
        const french = (await get(`${base}.${format}?alliance=${SLUG}&lang=fr`)).body;
        if (format === 'csv') {
          expect(parseCsv(french)[0]).toEqual(parseCsv(plain)[0]);
          expect(french).toBe(plain);
        } else {
          // The progress file says when it was generated: compare everything else.
          const strip = (body: string) => body.replace(/"generated_at": "[^"]*"/, '');
          expect(strip(french)).toBe(strip(plain));
        }
      }
    });

    it.each([
      ['xx', 'Unknown lang'],
      ['fr-FR', 'Unknown lang'],
      ['<script>', 'Unknown lang'],
      ['a'.repeat(5000), 'Unknown lang'],
    ])('refuses lang=%s on lang', async (value, message) => {
      for (const format of ['csv', 'xlsx', 'json']) {
        const response = await t.app.inject(`${base}.${format}?alliance=${SLUG}&lang=${encodeURIComponent(value)}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ parameter: 'lang' });
        expect(response.json().error).toContain(message);
        expect(response.body.length).toBeLessThan(200);
      }
    });

    it('refuses lang given twice', async () => {
      const response = await t.app.inject(`${base}.xlsx?alliance=${SLUG}&lang=fr&lang=de`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: 'Give "lang" once.', parameter: 'lang' });
    });
  });
});
