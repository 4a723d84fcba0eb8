import { createHash, randomUUID } from 'node:crypto';
import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';
import { jobsSettled, ok, SECRETARIAT, SLUG } from './pledge-fixtures.ts';

/**
 * Announcements on the demo alliance: who a segment reaches (counted apart from the API's query), the preview
 * writing nothing, one e-mail per person in their language with a working opt-out, a repeated or concurrent send of
 * one form sending once, a retried job sending nothing more, rights and refusals by field.
 */
let t: TestApp;
let allianceId = '';
const cookies = { staff: '', representative: '', otherStaff: '' };

const PREVIEW = `query($slug: String!, $input: AnnouncementInput!) { previewAnnouncement(allianceSlug: $slug, input: $input) {
  title body recipientCount segment { kind country organisationKind campaignYear declarationVersion workingGroup { slug } } } }`;
const SEND = `mutation($slug: String!, $input: AnnouncementInput!, $key: ID!) {
  sendAnnouncement(allianceSlug: $slug, input: $input, requestKey: $key) { id title recipientCount segment { kind } } }`;
const LIST = `query { alliance(slug: "${SLUG}") { viewerCanAnnounce
  announcements(first: 5) { nodes { id title body sentAt recipientCount segment { kind workingGroup { slug } } } } } }`;

interface Preview {
  previewAnnouncement: {
    recipientCount: number;
    segment: { campaignYear: number | null; declarationVersion: number | null };
  };
}
interface Sent {
  sendAnnouncement: { id: string; recipientCount: number };
}

const input = (segment: Record<string, unknown>, title = 'Plenary in Brussels') => ({
  title,
  body: '# Agenda\n\nCome to **Brussels**: [the agenda](https://cpa.example/agenda).\n\n<script>alert(1)</script>',
  segment,
});

/** The people a segment should reach, counted by SQL written apart from the API's. */
async function expectedRecipients(extra: ReturnType<typeof sql>): Promise<string[]> {
  const rows = await t.database.rows<{ id: string }>(sql`select distinct p.id from signature s
    join organisation o on o.id = s.organisation_id
    join organisation_member m on m.organisation_id = s.organisation_id
    join person p on p.id = m.person_id
    where s.alliance_id = ${allianceId} and s.status = 'active' and p.erased_at is null
    and p.announcement_email_frequency <> 'off'
    and ${extra}`);
  return rows.map((r) => r.id);
}

async function countOf(table: string): Promise<number> {
  const [row] = await t.database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row?.n);
}

async function deliveries(title: string) {
  return t.database.db
    .select()
    .from(schema.devMailboxMessage)
    .where(eq(schema.devMailboxMessage.subject, `${title}`));
}

/** Messages of one announcement, by the subject each language gives it. */
async function messagesOf(title: string) {
  const subjects = [`Announcement: ${title}`, `Annonce : ${title}`, `Mitteilung: ${title}`];
  const rows = await Promise.all(subjects.map((s) => deliveries(s)));
  return rows.flat();
}

beforeAll(async () => {
  t = await buildTestApp();
  const [alliance] = await t.database.db.select().from(schema.alliance).where(eq(schema.alliance.slug, SLUG));
  allianceId = alliance?.id ?? '';
  // Some representatives read French and German.
  await t.database.rows(sql`update person set locale = case when right(id::text, 1) in ('0', '1', '2', '3') then 'fr'
    when right(id::text, 1) in ('4', '5', '6') then 'de' else 'en' end
    where id in (select person_id from organisation_member)`);
  const [representative] = await t.database.rows<{ email: string }>(sql`select p.email from person p
    join organisation_member m on m.person_id = p.id join signature s on s.organisation_id = m.organisation_id
    where s.status = 'active' order by p.email limit 1`);
  // The secretariat of another alliance.
  const [other] = await t.database.db
    .insert(schema.alliance)
    .values({
      slug: 'other-alliance',
      name: 'Other Alliance',
      purpose: 'Another one.',
      targetTonnes: '1000.000',
      targetFlow: 'uptake',
      targetYear: 2030,
      baselineYear: 2020,
    })
    .returning();
  const [otherStaff] = await t.database.db
    .insert(schema.person)
    .values({ email: 'staff@other.example', name: 'Other staff' })
    .returning();
  await t.database.db
    .insert(schema.allianceStaff)
    .values({ allianceId: other?.id ?? '', personId: otherStaff?.id ?? '', role: 'secretariat' });
  cookies.staff = await signIn(t, SECRETARIAT);
  cookies.representative = await signIn(t, representative?.email ?? '');
  cookies.otherStaff = await signIn(t, 'staff@other.example');
}, 60_000);
afterAll(() => t.close());

describe('[ANNOUNCE] who a segment reaches', () => {
  it('counts each segment as the SQL written apart does, each person once, and writes nothing', async () => {
    const [group] = await t.database.rows<{ slug: string; id: string }>(sql`select wg.slug, wg.id from working_group wg
      where wg.alliance_id = ${allianceId} order by wg.slug limit 1`);
    const [country] = await t.database.rows<{ country: string }>(sql`select o.country from organisation o
      join signature s on s.organisation_id = o.id and s.status = 'active' group by o.country order by count(*) desc limit 1`);
    const before = { announcements: await countOf('announcement'), audit: await countOf('audit_event') };
    const cases: [Record<string, unknown>, ReturnType<typeof sql>][] = [
      [{ kind: 'ALL_SIGNATORIES' }, sql`true`],
      [
        { kind: 'WORKING_GROUP', workingGroupSlug: group?.slug },
        sql`exists (select 1 from working_group_member w where w.organisation_id = o.id and w.working_group_id = ${group?.id})`,
      ],
      [{ kind: 'COUNTRY', country: country?.country }, sql`o.country = ${country?.country}`],
      [{ kind: 'ORGANISATION_KIND', organisationKind: 'COMPANY' }, sql`o.kind = 'company'`],
    ];
    for (const [segment, extra] of cases) {
      const expected = await expectedRecipients(extra);
      expect(expected.length, JSON.stringify(segment)).toBeGreaterThan(0);
      const data = await ok<Preview>(t, PREVIEW, { slug: SLUG, input: input(segment) }, cookies.staff);
      expect(data.previewAnnouncement.recipientCount, JSON.stringify(segment)).toBe(expected.length);
    }
    // A person representing two organisations of the segment is one recipient.
    const [twice] = await t.database.rows<{ person_id: string }>(sql`select m.person_id from organisation_member m
      join signature s on s.organisation_id = m.organisation_id and s.status = 'active'
      where m.person_id = (select person_id from organisation_member order by person_id limit 1) limit 1`);
    const [otherSignatory] = await t.database.rows<{ organisation_id: string }>(sql`select s.organisation_id
      from signature s where s.status = 'active' and s.alliance_id = ${allianceId} and s.organisation_id not in
      (select organisation_id from organisation_member where person_id = ${twice?.person_id ?? null}) limit 1`);
    const all = await ok<Preview>(t, PREVIEW, { slug: SLUG, input: input({ kind: 'ALL_SIGNATORIES' }) }, cookies.staff);
    await t.database.db.insert(schema.organisationMember).values({
      organisationId: otherSignatory?.organisation_id ?? '',
      personId: twice?.person_id ?? '',
    });
    const again = await ok<Preview>(
      t,
      PREVIEW,
      { slug: SLUG, input: input({ kind: 'ALL_SIGNATORIES' }) },
      cookies.staff,
    );
    expect(again.previewAnnouncement.recipientCount).toBe(all.previewAnnouncement.recipientCount);
    expect(await countOf('announcement')).toBe(before.announcements);
    expect(await countOf('audit_event')).toBe(before.audit);
  });

  it('reaches those missing a report in the latest campaign that opened, and those who have not re-signed', async () => {
    const [campaign] = await t.database.rows<{ id: string; year: number }>(sql`select id, year from reporting_campaign
      where alliance_id = ${allianceId} and opens_on <= current_date order by opens_on desc, year desc limit 1`);
    expect(campaign).toBeDefined();
    const missing = await expectedRecipients(sql`exists (select 1 from pledge pl join reporting_campaign c
      on c.id = ${campaign?.id} and pl.alliance_id = c.alliance_id and pl.status = 'accepted'
      and pl.decided_at < (c.deadline::timestamp at time zone 'UTC')
      where pl.organisation_id = o.id
      and not exists (select 1 from progress_report r where r.pledge_id = pl.id and r.year = c.year))`);
    const reported = await ok<Preview>(
      t,
      PREVIEW,
      { slug: SLUG, input: input({ kind: 'NOT_REPORTED' }) },
      cookies.staff,
    );
    expect(reported.previewAnnouncement.recipientCount).toBe(missing.length);
    expect(reported.previewAnnouncement.segment.campaignYear).toBe(campaign?.year);

    // Nobody signed an earlier version yet: nobody to ask to re-sign.
    const none = await ok<Preview>(t, PREVIEW, { slug: SLUG, input: input({ kind: 'NOT_RESIGNED' }) }, cookies.staff);
    expect(none.previewAnnouncement.recipientCount).toBe(0);
    // A second version comes into force; one signatory re-signs it.
    const [first] = await t.database.db
      .select()
      .from(schema.declarationVersion)
      .where(eq(schema.declarationVersion.allianceId, allianceId));
    await t.database.db
      .update(schema.declarationVersion)
      .set({ status: 'superseded' })
      .where(eq(schema.declarationVersion.id, first?.id ?? ''));
    const amended = `${first?.text ?? ''}\n\nAmended.`;
    const [second] = await t.database.db
      .insert(schema.declarationVersion)
      .values({
        allianceId,
        version: (first?.version ?? 1) + 1,
        title: first?.title ?? 'Declaration',
        text: amended,
        textSha256: createHash('sha256').update(amended, 'utf8').digest('hex'),
        language: 'en',
        status: 'published',
        publishedAt: new Date(),
      })
      .returning();
    const [resigner] = await t.database.db
      .update(schema.signature)
      .set({ declarationVersionId: second?.id ?? '' })
      .where(
        eq(
          schema.signature.id,
          sql`(select id from signature where alliance_id = ${allianceId} and status = 'active' order by id limit 1)`,
        ),
      )
      .returning();
    const notResigned = await expectedRecipients(sql`s.declaration_version_id <> ${second?.id}`);
    const resigned = await expectedRecipients(sql`s.organisation_id = ${resigner?.organisationId}`);
    expect(resigned.length).toBeGreaterThan(0);
    const data = await ok<Preview>(t, PREVIEW, { slug: SLUG, input: input({ kind: 'NOT_RESIGNED' }) }, cookies.staff);
    expect(data.previewAnnouncement.recipientCount).toBe(notResigned.length);
    expect(data.previewAnnouncement.segment.declarationVersion).toBe(second?.version);
    // Put the register back as it was for the tests below.
    await t.database.db
      .update(schema.signature)
      .set({ declarationVersionId: first?.id ?? '' })
      .where(eq(schema.signature.id, resigner?.id ?? ''));
  });
});

describe('[ANNOUNCE] rights and refusals', () => {
  it('is the secretariat’s of that alliance alone', async () => {
    const variables = { slug: SLUG, input: input({ kind: 'ALL_SIGNATORIES' }), key: randomUUID() };
    for (const [cookie, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [cookies.representative, 'FORBIDDEN'],
      [cookies.otherStaff, 'FORBIDDEN'],
    ] as const) {
      const options = cookie ? { cookie } : {};
      const sent = await t.graphql(SEND, variables, options);
      expect(sent.errors?.[0]?.extensions?.code).toBe(code);
      const previewed = await t.graphql(PREVIEW, { slug: SLUG, input: variables.input }, options);
      expect(previewed.errors?.[0]?.extensions?.code).toBe(code);
    }
    const representative = await ok<{ alliance: { viewerCanAnnounce: boolean } }>(t, LIST, {}, cookies.representative);
    expect(representative.alliance.viewerCanAnnounce).toBe(false);
    expect(await countOf('announcement')).toBe(0);
  });

  it('names the field at fault and writes nothing', async () => {
    const wrong: [Record<string, unknown>, string, string?][] = [
      [{ ...input({ kind: 'ALL_SIGNATORIES' }), title: '  ' }, 'input.title'],
      [{ ...input({ kind: 'ALL_SIGNATORIES' }), title: 'x'.repeat(201) }, 'input.title'],
      [{ ...input({ kind: 'ALL_SIGNATORIES' }), body: '' }, 'input.body'],
      [{ ...input({ kind: 'ALL_SIGNATORIES' }), body: 'a\u0000b' }, 'input.body'],
      [input({ kind: 'WORKING_GROUP' }), 'input.segment.workingGroupSlug'],
      [input({ kind: 'WORKING_GROUP', workingGroupSlug: 'no-such-group' }), 'input.segment.workingGroupSlug'],
      [input({ kind: 'COUNTRY', workingGroupSlug: 'packaging', country: 'FR' }), 'input.segment.workingGroupSlug'],
      [input({ kind: 'ORGANISATION_KIND' }), 'input.segment.organisationKind'],
      [input({ kind: 'ALL_SIGNATORIES' }), 'requestKey', 'not-a-uuid'],
    ];
    for (const [value, field, key] of wrong) {
      const res = await t.graphql(
        SEND,
        { slug: SLUG, input: value, key: key ?? randomUUID() },
        { cookie: cookies.staff },
      );
      expect(res.statusCode, field).toBeLessThan(500);
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const country = await t.graphql(
      SEND,
      { slug: SLUG, input: input({ kind: 'COUNTRY', country: 'XX' }), key: randomUUID() },
      { cookie: cookies.staff },
    );
    expect(country.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countOf('announcement')).toBe(0);
    expect(await countOf('announcement_recipient')).toBe(0);
  });
});

describe('[ANNOUNCE] sending', () => {
  it('mails each person once in their language with a working opt-out, lists it publicly, audits it once', async () => {
    const title = 'Plenary in Brussels';
    const expected = await expectedRecipients(sql`true`);
    const key = randomUUID();
    // Three clicks of the same form at once: one announcement.
    const sends = await Promise.all(
      [1, 2, 3].map(() =>
        t.graphql<Sent>(
          SEND,
          { slug: SLUG, input: input({ kind: 'ALL_SIGNATORIES' }, title), key },
          { cookie: cookies.staff },
        ),
      ),
    );
    for (const res of sends) expect(res.errors).toBeUndefined();
    const ids = new Set(sends.map((r) => r.data?.sendAnnouncement.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(sends[0]?.data?.sendAnnouncement.recipientCount).toBe(expected.length);
    expect(await countOf('announcement')).toBe(1);
    expect(await countOf('announcement_recipient')).toBe(expected.length);
    const audits = await t.database.db
      .select()
      .from(schema.auditEvent)
      .where(and(eq(schema.auditEvent.action, 'announcement.sent'), eq(schema.auditEvent.objectId, id ?? '')));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ segment: 'all_signatories', recipientCount: expected.length });

    await jobsSettled(t);
    const messages = await messagesOf(title);
    expect(messages).toHaveLength(expected.length);
    const people = await t.database.db
      .select({ email: schema.person.email, locale: schema.person.locale })
      .from(schema.person)
      .where(sql`${schema.person.id} in ${expected}`);
    expect(new Set(messages.map((m) => m.recipient.toLowerCase())).size).toBe(expected.length);
    const subjectIn = { en: `Announcement: ${title}`, fr: `Annonce : ${title}`, de: `Mitteilung: ${title}` };
    for (const person of people) {
      const mine = messages.filter((m) => m.recipient.toLowerCase() === person.email.toLowerCase());
      expect(mine, person.email).toHaveLength(1);
      expect(mine[0]?.subject).toBe(subjectIn[person.locale as keyof typeof subjectIn]);
      expect(mine[0]?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(mine[0]?.html).toContain('<strong>Brussels</strong>');
      expect(mine[0]?.html).not.toContain('<script>');
      expect(mine[0]?.text).toContain(`/alliances/${SLUG}/announcements#announcement-${id}`);
    }
    expect(new Set(people.map((p) => p.locale))).toEqual(new Set(['en', 'fr', 'de']));

    // A job run again (a retry, a worker that died) sends nothing more.
    const [job] = await t.database.rows<{ data: Record<string, unknown> }>(
      sql`select data from pgboss.job where name = 'send-email' and data->>'template' = 'announcement' limit 1`,
    );
    await t.database.db.transaction(async (tx) => {
      await t.app.jobs.enqueue(tx, 'send-email', job?.data as never);
    });
    await jobsSettled(t);
    expect(await messagesOf(title)).toHaveLength(expected.length);

    // The public reads it on the alliance's page, without who got it or how many.
    const list = await ok<{
      alliance: { announcements: { nodes: { id: string; body: string; recipientCount: number | null }[] } };
    }>(t, LIST, {});
    expect(list.alliance.announcements.nodes.map((n) => n.id)).toEqual([id]);
    expect(list.alliance.announcements.nodes[0]?.recipientCount).toBeNull();
    const staff = await ok<{
      alliance: { viewerCanAnnounce: boolean; announcements: { nodes: { recipientCount: number }[] } };
    }>(t, LIST, {}, cookies.staff);
    expect(staff.alliance.viewerCanAnnounce).toBe(true);
    expect(staff.alliance.announcements.nodes[0]?.recipientCount).toBe(expected.length);

    // One recipient follows the one-click link: the next announcement leaves them out, and only them.
    const first = messages[0];
    const url = new URL(/^<([^>]+)>$/.exec(first?.headers['List-Unsubscribe'] ?? '')?.[1] ?? '');
    const optOut = await t.app.inject({
      method: 'POST',
      url: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(optOut.statusCode).toBe(200);
    const [after] = await t.database.db
      .select({
        announcements: schema.person.announcementEmailFrequency,
        activity: schema.person.activityEmailFrequency,
      })
      .from(schema.person)
      .where(sql`lower(${schema.person.email}) = ${first?.recipient.toLowerCase()}`);
    expect(after).toEqual({ announcements: 'off', activity: 'immediately' });
    const next = await ok<Sent>(
      t,
      SEND,
      { slug: SLUG, input: input({ kind: 'ALL_SIGNATORIES' }, 'Second word'), key: randomUUID() },
      cookies.staff,
    );
    expect(next.sendAnnouncement.recipientCount).toBe(expected.length - 1);
    await jobsSettled(t);
    const second = await messagesOf('Second word');
    expect(second).toHaveLength(expected.length - 1);
    expect(second.map((m) => m.recipient)).not.toContain(first?.recipient);
  }, 120_000);
});
