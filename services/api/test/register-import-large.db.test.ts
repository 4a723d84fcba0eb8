import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { SECRETARIAT } from './pledge-fixtures.ts';
import {
  CONFIRM,
  generatedRegister,
  type ImportView,
  READ_IMPORT,
  upload,
  xlsxOf,
} from './register-import-fixtures.ts';

/**
 * The size a secretariat brings: organisations, each signed, with four pledges each, broken rows among them. The
 * dry run names them, confirming writes the rest set-based, and the same file again writes nothing.
 *
 * CI runs 1,000 organisations and 4,000 pledges (about 10 s a database). The size, 5,000 organisations and
 * 20,000 pledges, took 45 to 49 s a database on a loaded two-core machine (the workbook written by exceljs, two dry
 * runs and the confirmation): run it with REGISTER_IMPORT_SIZE=full.
 */

const ORGANISATIONS = process.env.REGISTER_IMPORT_SIZE === 'full' ? 5_000 : 1_000;
const PLEDGES_EACH = 4;

let t: TestApp;
let secretariat: string;

beforeAll(async () => {
  t = await buildTestApp();
  secretariat = await signIn(t, SECRETARIAT);
}, 120_000);
afterAll(() => t?.close());

const count = async (table: string) =>
  Number((await t.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`)))[0]?.n);

async function dryRun(file: Buffer): Promise<ImportView> {
  const answer = await upload(t, secretariat, file, { fileName: 'register.xlsx' });
  expect(answer.statusCode, JSON.stringify(answer.body)).toBe(201);
  const read = await t.graphql<{ alliance: { registerImport: ImportView } }>(
    READ_IMPORT,
    { id: answer.body.id, fate: 'ERROR', first: 250 },
    { cookie: secretariat },
  );
  if (!read.data) throw new Error(JSON.stringify(read.errors));
  return read.data.alliance.registerImport;
}

describe(`a register of ${ORGANISATIONS} organisations and ${ORGANISATIONS * PLEDGES_EACH} pledges`, () => {
  it('is checked, written and checked again', { timeout: 300_000 }, async () => {
    const register = generatedRegister(ORGANISATIONS, { prefix: 'L', pledgesEach: PLEDGES_EACH });
    // Broken rows: every 500th organisation has no country, every 1,000th pledge (from the second) negative tonnes, and the pledges of
    // a broken organisation are refused with it.
    for (let i = 499; i < register.organisations.length; i += 500) {
      const row = register.organisations[i];
      if (row) row.country = '';
    }
    for (let i = 1; i < register.pledges.length; i += 1000) {
      const row = register.pledges[i];
      if (row) row.tonnes_per_year = '-5';
    }
    const file = await xlsxOf({
      organisations: register.organisations,
      signatures: register.signatures,
      pledges: register.pledges,
    });
    const brokenOrganisations = ORGANISATIONS / 500;
    const brokenPledges = register.pledges.length / 1000;

    const view = await dryRun(file);
    const totals = Object.fromEntries(view.totals.map((x) => [x.sheet, x]));
    expect(totals.ORGANISATIONS).toMatchObject({
      newRows: ORGANISATIONS - brokenOrganisations,
      errorRows: brokenOrganisations,
    });
    expect(totals.SIGNATURES).toMatchObject({
      newRows: ORGANISATIONS - brokenOrganisations,
      errorRows: brokenOrganisations,
    });
    // The negative pledges all belong to sound organisations (pledge 1 + 1,000k is organisation 1 + 250k's).
    const refusedPledges = brokenOrganisations * PLEDGES_EACH + brokenPledges;
    expect(totals.PLEDGES).toMatchObject({
      newRows: register.pledges.length - refusedPledges,
      errorRows: refusedPledges,
    });
    expect(view.rows?.find((r) => r.sheet === 'ORGANISATIONS')).toMatchObject({ line: 501, field: 'country' });
    expect(view.rows?.find((r) => r.sheet === 'PLEDGES' && r.field === 'tonnes_per_year')).toMatchObject({ line: 3 });

    const pledgesBefore = await count('pledge');
    const confirmed = await t.graphql<{ confirmRegisterImport: ImportView }>(
      CONFIRM,
      { id: view.id },
      { cookie: secretariat },
    );
    expect(confirmed.errors).toBeUndefined();
    expect((await count('pledge')) - pledgesBefore).toBe(register.pledges.length - refusedPledges);

    const again = await dryRun(file);
    const unchanged = Object.fromEntries(again.totals.map((x) => [x.sheet, [x.newRows, x.unchangedRows]]));
    expect(unchanged.PLEDGES).toEqual([0, register.pledges.length - refusedPledges]);
  });
});
