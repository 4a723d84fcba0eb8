import { createHash } from 'node:crypto';
import { and, asc, eq, sql, sum } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database, DatabaseHandle } from '../client.ts';
import {
  alliance,
  auditEvent,
  commitment,
  commitmentUpdate,
  declarationTranslation,
  declarationVersion,
  meeting,
  meetingAgendaItem,
  meetingComment,
  meetingDecision,
  meetingMinutes,
  organisation,
  organisationKinds,
  organisationSizes,
  pledge,
  progressReport,
  signature,
  signatureStatuses,
  valueChainStages,
  workingGroup,
  workingGroupMember,
} from '../schema/index.ts';
import { openTestDatabase } from '../testing.ts';
import { DEMO_ALLIANCE_SLUG, hasDemoData, normaliseName, type SeedSummary, seedDemo } from './index.ts';
import { tonnesTextToKg } from './tonnes.ts';

const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
const MT = 1_000_000_000n; // a million tonnes, in kilograms

/** Sums accepted pledges of one kind in the database, exactly. */
async function pledged(db: Database, kind: 'supply' | 'uptake', polymers?: string[]): Promise<bigint> {
  const rows = await db
    .select({ polymer: pledge.polymer, total: sum(pledge.tonnesPerYear) })
    .from(pledge)
    .where(and(eq(pledge.status, 'accepted'), eq(pledge.kind, kind)))
    .groupBy(pledge.polymer);
  return rows
    .filter((r) => !polymers || polymers.includes(r.polymer))
    .reduce((total, r) => total + tonnesTextToKg(r.total ?? '0'), 0n);
}

/** Validated uptake reports of one year, exactly. */
async function achievedUptake(db: Database, year: number): Promise<bigint> {
  const [row] = await db
    .select({ total: sum(progressReport.tonnesAchieved) })
    .from(progressReport)
    .innerJoin(pledge, eq(pledge.id, progressReport.pledgeId))
    .where(and(eq(progressReport.year, year), eq(progressReport.status, 'validated'), eq(pledge.kind, 'uptake')));
  return tonnesTextToKg(row?.total ?? '0');
}

describe('demo seed', () => {
  let handle: DatabaseHandle;
  let db: Database;
  let summary: SeedSummary;
  let before: boolean;
  const steps: string[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(inject('databaseTemplates'), 'empty');
    db = handle.db;
    before = await hasDemoData(db);
    summary = await seedDemo(db, { onProgress: (step) => steps.push(step) });
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('is detected by hasDemoData only once seeded', async () => {
    expect(before).toBe(false);
    expect(await hasDemoData(db)).toBe(true);
    await expect(seedDemo(db)).rejects.toThrow(/already/);
  });

  it('reports progress in short steps', () => {
    expect(steps).toContain('organisations 300/300');
    expect(steps.at(-1)).toMatch(/^activity \d+\/\d+$/);
  });

  it('returns a summary that matches the database', async () => {
    expect(summary).toMatchObject({
      allianceSlug: DEMO_ALLIANCE_SLUG,
      organisations: 300,
      workingGroups: 6,
    });
    expect(summary.activeSignatures).toBeGreaterThanOrEqual(280);
    expect(summary.activeSignatures).toBeLessThanOrEqual(290);
    expect(summary.pledges).toBeGreaterThanOrEqual(200);
    expect(summary.pledges).toBeLessThanOrEqual(275);
    expect(summary.acceptedPledges).toBeLessThan(summary.pledges);
    expect(await db.$count(organisation)).toBe(summary.organisations);
    expect(await db.$count(signature, eq(signature.status, 'active'))).toBe(summary.activeSignatures);
    expect(await db.$count(workingGroup)).toBe(summary.workingGroups);
    expect(await db.$count(pledge)).toBe(summary.pledges);
    expect(await db.$count(pledge, eq(pledge.status, 'accepted'))).toBe(summary.acceptedPledges);
    expect(await db.$count(progressReport)).toBe(summary.progressReports);
  });

  it('pledges just over 10 Mt of supply and about 6.4 Mt of uptake', async () => {
    const supply = await pledged(db, 'supply');
    const uptake = await pledged(db, 'uptake');
    expect(supply).toBe(tonnesTextToKg(summary.supplyTonnes));
    expect(uptake).toBe(tonnesTextToKg(summary.uptakeTonnes));
    expect(supply > 10n * MT && supply < (106n * MT) / 10n).toBe(true);
    expect(uptake > (62n * MT) / 10n && uptake < (66n * MT) / 10n).toBe(true);
    // The industry's own figures (DOMAIN.md): polyolefins ~3 Mt, PET ~2.07 Mt, PVC at least 0.9 Mt.
    const polyolefins = await pledged(db, 'supply', ['LDPE', 'HDPE', 'PP']);
    expect(polyolefins > (28n * MT) / 10n && polyolefins < (32n * MT) / 10n).toBe(true);
    const pet = await pledged(db, 'supply', ['PET']);
    expect(pet > 2n * MT && pet < (215n * MT) / 100n).toBe(true);
    expect((await pledged(db, 'supply', ['PVC'])) >= (9n * MT) / 10n).toBe(true);
  });

  it('shows achieved uptake growing from about 2 Mt (2019) to about 5.5 Mt (2024)', async () => {
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    const achieved = await Promise.all(years.map((y) => achievedUptake(db, y)));
    const [first = 0n] = achieved;
    const last = achieved.at(-1) ?? 0n;
    expect(first > (19n * MT) / 10n && first < (21n * MT) / 10n).toBe(true);
    expect(last > (53n * MT) / 10n && last < (57n * MT) / 10n).toBe(true);
    achieved.slice(1).forEach((kg, i) => {
      expect(kg > (achieved[i] ?? kg)).toBe(true);
    });
    const statuses2024 = await db
      .selectDistinct({ status: progressReport.status })
      .from(progressReport)
      .where(eq(progressReport.year, 2024));
    expect(statuses2024.map((s) => s.status).sort()).toEqual(['queried', 'submitted', 'validated']);
  });

  it('has organisations in every EU country, of every kind, size and value-chain stage', async () => {
    const orgs = await db
      .select({
        country: organisation.country,
        kind: organisation.kind,
        size: organisation.size,
        stages: organisation.stages,
        legalName: organisation.legalName,
        normalisedName: organisation.normalisedName,
        tr: organisation.transparencyRegisterNumber,
        website: organisation.website,
      })
      .from(organisation);
    expect([...new Set(orgs.map((o) => o.country))].sort()).toEqual(EU);
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(organisationKinds));
    expect(new Set(orgs.map((o) => o.size))).toEqual(new Set(organisationSizes));
    expect(new Set(orgs.flatMap((o) => o.stages))).toEqual(new Set(valueChainStages));
    for (const o of orgs) {
      expect(o.stages.length).toBeGreaterThanOrEqual(1);
      expect(o.stages.length).toBeLessThanOrEqual(3);
      expect(o.normalisedName).toBe(normaliseName(o.legalName));
      if (o.tr) expect(o.tr).toMatch(/^[0-9]{9,12}-[0-9]{2}$/);
      if (o.website) expect(o.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example$/);
    }
    expect(orgs.some((o) => /\p{Script=Greek}/u.test(o.legalName))).toBe(true);
    expect(orgs.some((o) => /\p{Script=Cyrillic}/u.test(o.legalName))).toBe(true);
    expect(orgs.some((o) => /[À-ɏ]/.test(o.legalName))).toBe(true);
  });

  it('normalises names the way duplicate detection needs', () => {
    expect(normaliseName('Plásticos Quenvarix S.L.')).toBe('plasticos quenvarix');
    expect(normaliseName('Frenix Przetwórstwo Tworzyw Sp. z o.o.')).toBe('frenix przetworstwo tworzyw');
    expect(normaliseName('Zanalt Kunststoffe GmbH & Co. KG')).toBe('zanalt kunststoffe');
    expect(normaliseName('UAB Drenith')).toBe('drenith');
    expect(normaliseName('Łódź Recykling')).toBe('lodz recykling');
  });

  it('keeps a register that is not only active signatures', async () => {
    const rows = await db.select({ status: signature.status, reason: signature.rejectionReason }).from(signature);
    // Every status but `superseded`, which needs a second declaration version (the demo publishes one).
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(signatureStatuses.filter((s) => s !== 'superseded')));
    for (const r of rows) if (r.status === 'rejected') expect(r.reason).toBeTruthy();
  });

  it('publishes a declaration whose hash matches its text', async () => {
    const [declaration] = await db.select().from(declarationVersion);
    expect(declaration?.status).toBe('published');
    expect(declaration?.textSha256).toBe(
      createHash('sha256')
        .update(declaration?.text ?? '', 'utf8')
        .digest('hex'),
    );
    const [demo] = await db.select().from(alliance);
    expect(demo).toMatchObject({ targetTonnes: '10000000.000', targetFlow: 'uptake', targetYear: 2025 });
  });

  it('translates the declaration into French and German, each hashed as the authentic text is', async () => {
    const [declaration] = await db.select().from(declarationVersion);
    const translations = await db.select().from(declarationTranslation).orderBy(declarationTranslation.language);
    expect(translations.map((t) => t.language)).toEqual(['de', 'fr']);
    for (const translation of translations) {
      expect(translation.declarationVersionId).toBe(declaration?.id);
      expect(translation.sourceSha256).toBe(declaration?.textSha256);
      expect(translation.textSha256).toBe(createHash('sha256').update(translation.text, 'utf8').digest('hex'));
      expect(translation.textSha256).not.toBe(declaration?.textSha256);
    }
    // Every demo signatory read the authentic text, and its signature says so.
    const read = await db
      .selectDistinct({ language: signature.readLanguage, sha256: signature.readTextSha256 })
      .from(signature);
    expect(read).toEqual([{ language: 'en', sha256: declaration?.textSha256 }]);
  });

  it('staffs six working groups with signatories only, and leaves some stages uncovered', async () => {
    const groups = await db.select().from(workingGroup);
    const members = await db
      .select({
        groupId: workingGroupMember.workingGroupId,
        role: workingGroupMember.role,
        stages: organisation.stages,
        status: signature.status,
      })
      .from(workingGroupMember)
      .innerJoin(organisation, eq(organisation.id, workingGroupMember.organisationId))
      .leftJoin(signature, and(eq(signature.organisationId, organisation.id), eq(signature.status, 'active')));
    let groupsWithGaps = 0;
    for (const group of groups) {
      const own = members.filter((m) => m.groupId === group.id);
      expect(own.length).toBeGreaterThanOrEqual(25);
      expect(own.length).toBeLessThanOrEqual(90);
      expect(own.filter((m) => m.role === 'chair')).toHaveLength(1);
      const coChairs = own.filter((m) => m.role === 'co_chair').length;
      expect(coChairs >= 1 && coChairs <= 2).toBe(true);
      for (const m of own) expect(m.status).toBe('active');
      const covered = new Set(own.flatMap((m) => m.stages));
      if (group.relevantStages.some((s) => !covered.has(s))) groupsWithGaps++;
    }
    expect(groups).toHaveLength(6);
    expect(groupsWithGaps).toBeGreaterThanOrEqual(2);
  });

  it('holds the groups’ fourteen meetings of 2019, scripted, minuted, with commitments, comments and their activity', async () => {
    const meetings = await db.select().from(meeting).orderBy(asc(meeting.startsAt));
    expect(meetings).toHaveLength(14);
    expect(summary).toMatchObject({ meetings: 14, commitments: await db.$count(commitment) });
    for (const m of meetings) {
      expect(m.startsAt.getUTCFullYear()).toBe(2019);
      expect(m.workingGroupId).not.toBeNull();
      const items = await db
        .select()
        .from(meetingAgendaItem)
        .where(eq(meetingAgendaItem.meetingId, m.id))
        .orderBy(asc(meetingAgendaItem.position));
      // Scripted to the minute: the items fill the meeting exactly.
      const minutes = items.reduce((total, i) => total + i.durationMinutes, 0);
      expect(minutes * 60_000).toBe(m.endsAt.getTime() - m.startsAt.getTime());
      expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i));
      const [published] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, m.id));
      expect(published?.publishedAt?.getTime()).toBeGreaterThan(m.endsAt.getTime());
      expect(await db.$count(meetingDecision, eq(meetingDecision.meetingId, m.id))).toBeGreaterThanOrEqual(1);
    }
    const methods = new Set(
      (await db.select({ method: meetingAgendaItem.method }).from(meetingAgendaItem)).map((r) => r.method),
    );
    for (const method of ['world_cafe', 'open_space', 'circle', 'fishbowl', 'breakout', 'break', 'plenary'] as const) {
      expect(methods.has(method)).toBe(true);
    }
    // Every group met; its later meetings review the open commitments.
    expect(new Set(meetings.map((m) => m.workingGroupId)).size).toBe(6);
    const reviews = await db.$count(meetingAgendaItem, eq(meetingAgendaItem.title, 'Review of open commitments'));
    expect(reviews).toBe(14 - 6);
    expect(await db.$count(meetingAgendaItem, eq(meetingAgendaItem.reviewsOpenCommitments, true))).toBe(reviews);

    const commitments = await db.select().from(commitment);
    expect(commitments.length).toBeGreaterThanOrEqual(14);
    const decisionIds = new Set((await db.select({ id: meetingDecision.id }).from(meetingDecision)).map((d) => d.id));
    for (const c of commitments) {
      expect(['done', 'dropped']).toContain(c.status);
      // Each arose from a decision of its group's minutes.
      expect(decisionIds.has(c.decisionId ?? '')).toBe(true);
      const history = await db.select().from(commitmentUpdate).where(eq(commitmentUpdate.commitmentId, c.id));
      expect(history.map((h) => h.toStatus).sort()).toEqual(['in_progress', 'open', c.status].sort());
    }
    const comments = await db.select().from(meetingComment);
    expect(new Set(comments.map((c) => c.status))).toEqual(new Set(['published', 'answered', 'hidden']));

    // The public activity in the order it happened, and a chain that verifies.
    const events = await db.select().from(auditEvent).orderBy(asc(auditEvent.seq));
    const times = events.map((e) => e.occurredAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.filter((e) => e.action === 'meeting.minutes_published')).toHaveLength(14);
    expect(await handle.rows(sql`select seq::int from audit_verify_chain()`)).toEqual([]);
  });

  it('makes the same rows on every run', async () => {
    const other = await openTestDatabase(inject('databaseTemplates'), 'empty');
    try {
      const again = await seedDemo(other.db);
      expect(again).toEqual(summary);
      const dump = (d: Database) =>
        Promise.all([
          d.select().from(organisation).orderBy(asc(organisation.id)),
          d.select().from(signature).orderBy(asc(signature.id)),
          d.select().from(pledge).orderBy(asc(pledge.id)),
          d.select().from(progressReport).orderBy(asc(progressReport.id)),
          d.select().from(meeting).orderBy(asc(meeting.id)),
          d.select().from(commitment).orderBy(asc(commitment.id)),
          d.select().from(meetingComment).orderBy(asc(meetingComment.id)),
          d
            .select()
            .from(workingGroupMember)
            .orderBy(asc(workingGroupMember.workingGroupId), asc(workingGroupMember.organisationId)),
        ]);
      expect(await dump(other.db)).toEqual(await dump(db));
    } finally {
      await other.close();
    }
  }, 60_000);
});
