import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { uuidv7 } from './ids.ts';
import { alliance, declarationVersion, organisation, pledge, progressReport, signature } from './schema/index.ts';
import { expectDatabaseError, openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;
let allianceId: string;
let versionId: string;

beforeAll(async () => {
  handle = await openTestDatabase(inject('databaseTemplates'), 'demo');
  const [a] = await handle.db.select().from(alliance).limit(1);
  const [v] = await handle.db.select().from(declarationVersion).limit(1);
  if (!a || !v) throw new Error('demo data missing');
  allianceId = a.id;
  versionId = v.id;
});
afterAll(() => handle.close());

async function newOrganisation(): Promise<string> {
  const id = uuidv7();
  await handle.db.insert(organisation).values({
    id,
    legalName: `Invariant Test ${id}`,
    normalisedName: `invariant test ${id}`,
    country: 'BE',
    kind: 'company',
    size: 'sme',
  });
  return id;
}

const signatureFor = (organisationId: string) => ({
  allianceId,
  declarationVersionId: versionId,
  organisationId,
  signerName: 'Ana Test',
  signerJobTitle: 'Director',
});

describe('[DATABASE] invariants hold in the database itself', () => {
  it('migrating again changes nothing', async () => {
    await expect(handle.migrate()).resolves.toBeUndefined();
  });

  it('keeps one live signature per organisation, even when 50 inserts race', async () => {
    const organisationId = await newOrganisation();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => handle.db.insert(signature).values(signatureFor(organisationId))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(signature)
      .where(eq(signature.organisationId, organisationId));
    expect(row?.n).toBe(1);
  });

  it('allows a new signature once the earlier one is withdrawn', async () => {
    const organisationId = await newOrganisation();
    const [first] = await handle.db.insert(signature).values(signatureFor(organisationId)).returning();
    await handle.db
      .update(signature)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(eq(signature.id, first?.id ?? ''));
    await expect(handle.db.insert(signature).values(signatureFor(organisationId))).resolves.toBeDefined();
  });

  it.each([
    ['zero tonnes', '0'],
    ['negative tonnes', '-5'],
    ['more than 50 Mt', '50000000.001'],
  ])('refuses a pledge of %s', async (_label, tonnes) => {
    const organisationId = await newOrganisation();
    await expectDatabaseError(
      handle.db.insert(pledge).values({
        allianceId,
        organisationId,
        kind: 'supply',
        polymer: 'PET',
        sector: 'packaging',
        tonnesPerYear: tonnes,
        targetYear: 2025,
      }),
      /pledge_tonnes_range/,
    );
  });

  it('refuses a target year before the baseline year', async () => {
    const organisationId = await newOrganisation();
    await expectDatabaseError(
      handle.db.insert(pledge).values({
        allianceId,
        organisationId,
        kind: 'uptake',
        polymer: 'PP',
        sector: 'automotive',
        tonnesPerYear: '10',
        targetYear: 2020,
        baselineYear: 2021,
      }),
      /pledge_target_after_baseline/,
    );
  });

  it('keeps one progress report per pledge and year', async () => {
    const [report] = await handle.db.select().from(progressReport).limit(1);
    if (!report) throw new Error('no report in the demo');
    await expectDatabaseError(
      handle.db.insert(progressReport).values({ pledgeId: report.pledgeId, year: report.year, tonnesAchieved: '1' }),
      /progress_report_pledge_year_unique/,
    );
  });

  it('refuses a malformed country or Transparency Register number', async () => {
    const base = { legalName: 'X', normalisedName: 'x', kind: 'ngo' as const, size: 'sme' as const };
    await expectDatabaseError(
      handle.db.insert(organisation).values({ ...base, country: 'de' }),
      /organisation_country_format/,
    );
    await expectDatabaseError(
      handle.db.insert(organisation).values({ ...base, country: 'DE', transparencyRegisterNumber: '12-3' }),
      /organisation_transparency_register_format/,
    );
    const [none] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisation)
      .where(and(eq(organisation.legalName, 'X')));
    expect(none?.n).toBe(0);
  });
});
