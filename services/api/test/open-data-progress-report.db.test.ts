import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { schema } from '@concord/db';
import { formatShare, formatTonnes } from '@concord/documents';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';

const SLUG = 'circular-plastics';
const run = promisify(execFile);

let t: TestApp;
let scratch: string;
beforeAll(async () => {
  t = await buildTestApp();
  scratch = await mkdtemp(join(tmpdir(), 'concord-progress-report-'));
});
afterAll(async () => {
  await t.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Figures {
  pledgedSupplyTonnes: string;
  pledgedUptakeTonnes: string;
  byYear: { year: number; achievedTonnes: string; share: string; reportCount: number }[];
  supplyUptakeGap: { polymer: string; supplyTonnes: string; uptakeTonnes: string; gapTonnes: string }[];
  trajectory: { basedOnYears: number } | null;
}

async function figures(): Promise<Figures> {
  const res = await t.graphql<{ alliance: { progress: Figures } }>(`{ alliance(slug: "${SLUG}") { progress {
    pledgedSupplyTonnes pledgedUptakeTonnes byYear { year achievedTonnes share reportCount }
    supplyUptakeGap { polymer supplyTonnes uptakeTonnes gapTonnes } trajectory { basedOnYears } } } }`);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.alliance.progress;
}

/** GET the report's address; returns where it redirects. */
async function issue(year: number): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: `/documents/progress/${SLUG}/${year}.pdf` });
  expect(response.statusCode, response.body).toBe(303);
  expect(response.headers['cache-control']).toBe('no-cache');
  const location = String(response.headers.location);
  expect(location).toMatch(/^\/documents\/[0-9a-f]{64}\.pdf$/);
  return location;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const path = join(scratch, `${createHash('sha256').update(pdf).digest('hex')}.pdf`);
  await writeFile(path, pdf);
  const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']);
  return stdout.replace(/\s+/g, ' ');
}

const progressReports = () =>
  t.database.db.select().from(schema.document).where(eq(schema.document.kind, 'progress_report'));

describe('[OPEN DATA] progress report PDF', () => {
  it('redirects to the registered copy, whose SHA-256 is that of the bytes served, with the figures in it', async () => {
    const progress = await figures();
    const latest = progress.byYear.at(-1);
    if (!latest) throw new Error('the demo has no reported year');
    const location = await issue(latest.year);
    const sha256 = location.slice('/documents/'.length, -'.pdf'.length);

    const file = await t.app.inject({ method: 'GET', url: location });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(`progress-report-${SLUG}-${latest.year}.pdf`);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha256);

    const [entry] = await progressReports();
    expect(entry).toMatchObject({
      sha256,
      byteSize: file.rawPayload.length,
      title: `Progress report ${latest.year}: Circular Plastics Alliance (demo)`,
      filename: `progress-report-${SLUG}-${latest.year}.pdf`,
    });
    expect(entry?.sourceKey).toMatch(new RegExp(`^${latest.year}:[0-9a-f]{64}$`));

    const verification = await t.graphql<{ verifyDocument: { isIssued: boolean; document: { kind: string } } }>(
      `{ verifyDocument(sha256: "${sha256}") { isIssued document { kind } } }`,
    );
    expect(verification.data?.verifyDocument).toEqual({ isIssued: true, document: { kind: 'PROGRESS_REPORT' } });

    const text = await pdfText(file.rawPayload);
    expect(text).toContain(`Progress report ${latest.year}`);
    expect(text).toContain(`Achieved in ${latest.year} ${formatTonnes(latest.achievedTonnes)} t (`);
    expect(text).toContain(`${formatShare(latest.share)} of the target, from ${latest.reportCount} validated reports`);
    expect(text).toContain(`Pledged supply ${formatTonnes(progress.pledgedSupplyTonnes)} t a year`);
    expect(text).toContain(`Pledged uptake ${formatTonnes(progress.pledgedUptakeTonnes)} t a year`);
    expect(text).toContain(`Based on ${progress.trajectory?.basedOnYears} years`);
    for (const y of progress.byYear) {
      expect(text).toContain(`${y.year} ${formatTonnes(y.achievedTonnes)} ${formatShare(y.share)} ${y.reportCount}`);
    }
    for (const g of progress.supplyUptakeGap) {
      expect(text).toContain(
        `${g.polymer} ${formatTonnes(g.supplyTonnes)} ${formatTonnes(g.uptakeTonnes)} ${formatTonnes(g.gapTonnes)}`,
      );
    }
  });

  it('serves the same copy while the figures stay the same, and a new one when they change', async () => {
    const { byYear } = await figures();
    const year = byYear.at(-1)?.year ?? 0;
    const first = await issue(year);
    const before = (await progressReports()).length;
    expect(await issue(year)).toBe(first);
    expect((await progressReports()).length).toBe(before);

    // A pledge withdrawn changes the pledged totals: the report is rendered and registered again.
    const [victim] = await t.database.db
      .select()
      .from(schema.pledge)
      .where(and(eq(schema.pledge.status, 'accepted'), eq(schema.pledge.kind, 'supply')))
      .limit(1);
    if (!victim) throw new Error('no accepted supply pledge');
    await t.database.db
      .update(schema.pledge)
      .set({ status: 'withdrawn', withdrawnAt: new Date(), withdrawalReason: 'test' })
      .where(eq(schema.pledge.id, victim.id));
    const second = await issue(year);
    expect(second).not.toBe(first);
    expect((await progressReports()).length).toBe(before + 1);
    // The earlier copy stays registered and served: it is what someone may hold.
    expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(200);

    // An earlier year is a report of its own, its trend fitted on the years up to it.
    const earlier = byYear.at(-2);
    if (earlier) {
      const location = await issue(earlier.year);
      const text = await pdfText((await t.app.inject({ method: 'GET', url: location })).rawPayload);
      expect(text).toContain(`Based on ${byYear.filter((y) => y.year <= earlier.year).length} years`);
      expect(text).not.toContain(`${byYear.at(-1)?.year} ${formatTonnes(byYear.at(-1)?.achievedTonnes ?? '')}`);
    }
  });

  it('answers 404 for an unknown alliance or a year without reports, and 400 for a year that is not one', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/documents/progress/no-such-alliance/2024.pdf' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'No alliance has the slug "no-such-alliance".' });

    const { byYear } = await figures();
    const empty = await t.app.inject({ method: 'GET', url: `/documents/progress/${SLUG}/1999.pdf` });
    expect(empty.statusCode).toBe(404);
    expect(empty.headers['content-type']).toContain('application/json');
    expect(empty.json()).toEqual({
      error: `Circular Plastics Alliance (demo) has no validated progress report for 1999; reported years: ${byYear.map((y) => y.year).join(', ')}.`,
      year: 1999,
      reportedYears: byYear.map((y) => y.year),
    });

    const bad = await t.app.inject({ method: 'GET', url: `/documents/progress/${SLUG}/latest.pdf` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'The year is four digits, e.g. 2024.', parameter: 'year' });
  });
});
