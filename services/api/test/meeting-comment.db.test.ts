import { schema } from '@concord/db';
import { and, eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../notifications/test/smtp-test-server.ts';
import { COMMENTS_PER_PERSON_PER_DAY } from '../src/modules/meeting-comment/meeting-comment-changes.ts';
import { waitFor } from './journey.ts';
import { type MeetingView, meetingInput, meetingTestApp, SCHEDULE, SECRETARIAT, SLUG } from './meeting-fixtures.ts';

/**
 * Public challenge and input on published minutes, on both databases and through the queue to a real SMTP server:
 * a person without an organisation comments, the chair is told, the comment stays the writer's and the moderators'
 * until moderated once (published, answered in the open with an e-mail to the writer, or hidden with a public reason;
 * a published one may still be answered later);
 * rights, refusals by field, one outcome of concurrent moderations, the daily limit under concurrency, and the
 * activity feed showing what is in the open and nothing else.
 */

const COMMENT = `id decisionId decisionPosition status text answer hiddenReason moderatedAt
  moderatedByOrganisationName isMine meeting { id }`;
const COMMENT_ON = `mutation($m: ID!, $d: ID, $text: String!) {
  commentOnMinutes(meetingId: $m, decisionId: $d, text: $text) { ${COMMENT} } }`;
const MODERATE = `mutation($id: ID!, $mod: MeetingCommentModeration!, $answer: String, $reason: String) {
  moderateMeetingComment(id: $id, moderation: $mod, answer: $answer, reason: $reason) { ${COMMENT} } }`;
const BY_ID = `query($id: ID!) { meetingComment(id: $id) { ${COMMENT} } }`;
const ON_MINUTES = `query($id: ID!) { meeting(id: $id) { minutes { comments { ${COMMENT} } } } }`;
const PENDING = `query($slug: String!) { alliance(slug: $slug) { pendingMeetingComments { ${COMMENT} } } }`;
const ACTIVITY = `query($slug: String!) { alliance(slug: $slug) {
  activity(first: 50) { nodes { kind subjectId meetingId subjectTitle byOrganisationName } } } }`;

interface Comment {
  id: string;
  decisionId: string | null;
  decisionPosition: number | null;
  status: string;
  text: string | null;
  answer: string | null;
  hiddenReason: string | null;
  isMine: boolean;
}

const CITIZEN = 'a.citizen@example.org';

let smtp: TestSmtpServer;
let w: Awaited<ReturnType<typeof meetingTestApp>>;
let meetingId = '';
let decisionIds: string[] = [];
const cookies = new Map<string, string>();

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
const mailsTo = (address: string, subject: RegExp) =>
  smtp.messages.filter((m) => to(m) === address && subject.test(m.subject ?? ''));

/** Signs in as a person would, the link read from the real mail server. */
async function signIn(email: string): Promise<string> {
  const known = cookies.get(email);
  if (known) return known;
  const isLogin = /sign-?in|log-?in/i;
  const before = mailsTo(email, isLogin).length;
  await w.t.graphql('mutation($email: String!) { requestLoginLink(email: $email) { accepted } }', { email });
  const mail = await waitFor(async () => mailsTo(email, isLogin)[before], `a log-in link to ${email}`);
  const token = /\/login\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  const res = await w.t.graphql('mutation($token: String!) { signInWithLink(token: $token) { person { id } } }', {
    token,
  });
  const cookie = res.setCookie.find((c) => c.startsWith('concord_session='))?.split(';')[0];
  if (!cookie) throw new Error(`no session for ${email}`);
  cookies.set(email, cookie);
  return cookie;
}

async function comment(cookie: string | undefined, text: string, decisionId: string | null = null) {
  return w.t.graphql<{ commentOnMinutes: Comment }>(
    COMMENT_ON,
    { m: meetingId, d: decisionId, text },
    cookie ? { cookie } : {},
  );
}

async function moderate(cookie: string, id: string, mod: string, extra: { answer?: string; reason?: string } = {}) {
  return w.t.graphql<{ moderateMeetingComment: Comment }>(MODERATE, { id, mod, ...extra }, { cookie });
}

const rowsOf = async () =>
  Number(
    (await w.t.database.rows<{ n: number }>(sql`select count(*)::int as n from meeting_comment`))[0]?.n ?? Number.NaN,
  );

beforeAll(async () => {
  smtp = await startSmtpServer();
  w = await meetingTestApp({ SMTP_URL: smtp.url });
  const chair = await signIn(w.chair.email);
  const scheduled = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
    SCHEDULE,
    { slug: SLUG, group: w.group.id, input: meetingInput({ title: 'Sorting capacity, first round' }) },
    { cookie: chair },
  );
  meetingId = scheduled.data?.scheduleMeeting.id ?? '';
  const saved = await w.t.graphql<{ saveMeetingMinutes: { decisions: { id: string }[] } }>(
    `mutation($m: ID!, $input: MeetingMinutesInput!) { saveMeetingMinutes(meetingId: $m, input: $input) {
      decisions { id } } }`,
    { m: meetingId, input: { text: 'We mapped the sorting plants.', decisions: ['Map capacity.', 'Meet again.'] } },
    { cookie: chair },
  );
  decisionIds = saved.data?.saveMeetingMinutes.decisions.map((d) => d.id) ?? [];
}, 120_000);
afterAll(async () => {
  await w?.t.close();
  await smtp?.close();
});

describe('[COMMENTS] public challenge and input on minutes', () => {
  it('takes comments only on published minutes, from a person signed in', async () => {
    const citizen = await signIn(CITIZEN);
    const before = await rowsOf();
    const draft = await comment(citizen, 'Too early?');
    expect(draft.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const published = await w.t.graphql(
      `mutation($m: ID!) { publishMeetingMinutes(meetingId: $m) { publishedAt } }`,
      {
        m: meetingId,
      },
      { cookie: await signIn(w.chair.email) },
    );
    expect(published.errors).toBeUndefined();
    const anonymous = await comment(undefined, 'Who am I?');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowsOf()).toBe(before);
  });

  it('keeps a pending comment its writer’s and its moderators’, and tells the chair by e-mail', async () => {
    const citizen = await signIn(CITIZEN);
    // The citizen represents no organisation: the e-mail link is all it takes.
    const [person] = await w.t.database.db.select().from(schema.person).where(eq(schema.person.email, CITIZEN));
    const memberships = await w.t.database.db
      .select()
      .from(schema.organisationMember)
      .where(eq(schema.organisationMember.personId, person?.id ?? ''));
    expect(memberships).toHaveLength(0);

    const res = await comment(citizen, 'Which plants were counted?\nOnly the large ones?', decisionIds[0] ?? null);
    expect(res.errors).toBeUndefined();
    const mine = res.data?.commentOnMinutes;
    expect(mine).toMatchObject({ status: 'PENDING', isMine: true, decisionPosition: 0 });
    const id = mine?.id ?? '';

    const member = await signIn(w.members[0]?.email ?? '');
    for (const cookie of [undefined, member]) {
      const byId = await w.t.graphql<{ meetingComment: Comment | null }>(BY_ID, { id }, cookie ? { cookie } : {});
      expect(byId.errors).toBeUndefined();
      expect(byId.data?.meetingComment).toBeNull();
      const listed = await w.t.graphql<{ meeting: { minutes: { comments: Comment[] } } }>(
        ON_MINUTES,
        { id: meetingId },
        cookie ? { cookie } : {},
      );
      expect(listed.data?.meeting.minutes.comments).toEqual([]);
      const queue = await w.t.graphql<{ alliance: { pendingMeetingComments: Comment[] } }>(
        PENDING,
        { slug: SLUG },
        cookie ? { cookie } : {},
      );
      expect(queue.data?.alliance.pendingMeetingComments).toEqual([]);
      // Moderating what one cannot see finds nothing.
      if (cookie) expect((await moderate(cookie, id, 'PUBLISH')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const own = await w.t.graphql<{ meetingComment: Comment }>(BY_ID, { id }, { cookie: citizen });
    expect(own.data?.meetingComment.text).toBe('Which plants were counted?\nOnly the large ones?');
    expect((await moderate(citizen, id, 'PUBLISH')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    for (const email of [w.chair.email, SECRETARIAT]) {
      const queue = await w.t.graphql<{ alliance: { pendingMeetingComments: Comment[] } }>(
        PENDING,
        { slug: SLUG },
        { cookie: await signIn(email) },
      );
      expect(queue.data?.alliance.pendingMeetingComments.map((c) => c.id)).toEqual([id]);
    }

    const [mail] = await waitFor(async () => {
      const found = mailsTo(w.chair.email, /Comment to moderate/);
      return found.length > 0 ? found : undefined;
    }, 'the chair told of the comment');
    expect(mail?.subject).toBe('Comment to moderate: Sorting capacity, first round');
    expect(mail?.text).toContain('Only the large ones?');
    expect(mail?.text).toContain(`/alliances/${SLUG}/comments`);
    // The writer is not a moderator: no notice for them.
    expect(mailsTo(CITIZEN, /moderate/)).toHaveLength(0);
  });

  it('refuses by field and writes nothing', async () => {
    const citizen = await signIn(CITIZEN);
    const chair = await signIn(w.chair.email);
    const before = await rowsOf();
    const empty = await comment(citizen, '   ');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const long = await comment(citizen, 'x'.repeat(4001));
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const wrong = await comment(citizen, 'On what?', '00000000-0000-7000-8000-000000000000');
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decisionId' });
    expect(await rowsOf()).toBe(before);

    const pending = (await comment(citizen, 'A question to answer.')).data?.commentOnMinutes.id ?? '';
    const noAnswer = await moderate(chair, pending, 'ANSWER', { answer: ' ' });
    expect(noAnswer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });
    const noReason = await moderate(chair, pending, 'HIDE');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const [row] = await w.t.database.db
      .select()
      .from(schema.meetingComment)
      .where(eq(schema.meetingComment.id, pending));
    expect(row).toMatchObject({ status: 'pending', answer: null, hiddenReason: null, moderatedAt: null });
  });

  it('gives one outcome to moderations at once, and answers in the open with an e-mail to the writer', async () => {
    const citizen = await signIn(CITIZEN);
    const chair = await signIn(w.chair.email);
    const staff = await signIn(SECRETARIAT);
    const id = (await comment(citizen, 'Are recyclers in the room?')).data?.commentOnMinutes.id ?? '';
    const answer = 'Yes: three recyclers took part, and the next meeting is theirs.';
    // Two answers and a hiding at once (a publication is raced below: an answer may follow it).
    const results = await Promise.all([
      moderate(chair, id, 'ANSWER', { answer }),
      moderate(staff, id, 'HIDE', { reason: 'Off topic.' }),
      moderate(staff, id, 'ANSWER', { answer: 'The secretariat answers too.' }),
    ]);
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
    const events = await w.t.database.rows<{ action: string }>(
      sql`select action from audit_event where object_type = 'meeting_comment' and object_id = ${id}
        and action <> 'meeting_comment.submitted'`,
    );
    expect(events).toHaveLength(1);
    const outcome = won[0]?.data?.moderateMeetingComment;
    expect(events[0]?.action).toBe(`meeting_comment.${outcome?.status.toLowerCase()}`);
    const [row] = await w.t.database.db.select().from(schema.meetingComment).where(eq(schema.meetingComment.id, id));
    expect(row?.status.toUpperCase()).toBe(outcome?.status);

    // An answer, for certain this time: public, with the chair's organisation, and the writer is told.
    const asked = (await comment(citizen, 'When is the next meeting?', decisionIds[1] ?? null)).data?.commentOnMinutes;
    const answered = await moderate(chair, asked?.id ?? '', 'ANSWER', { answer: 'In March, in Brussels.' });
    expect(answered.errors).toBeUndefined();
    const publicView = await w.t.graphql<{ meetingComment: Comment }>(BY_ID, { id: asked?.id });
    expect(publicView.data?.meetingComment).toMatchObject({
      status: 'ANSWERED',
      text: 'When is the next meeting?',
      answer: 'In March, in Brussels.',
      isMine: false,
      decisionPosition: 1,
    });
    // The race above may have answered too: this answer's e-mail is the one quoting this question.
    const [mail] = await waitFor(async () => {
      const found = mailsTo(CITIZEN, /answered/).filter((m) => m.text?.includes('When is the next meeting?'));
      return found.length > 0 ? found : undefined;
    }, 'the writer told of the answer');
    expect(mail?.subject).toBe('Your comment was answered: Sorting capacity, first round');
    expect(mail?.text).toContain('In March, in Brussels.');
    expect(mail?.text).toContain(`/alliances/${SLUG}/meetings/${meetingId}#comment-${asked?.id}`);
    expect(await moderate(chair, asked?.id ?? '', 'PUBLISH')).toMatchObject({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'CONFLICT' }) })],
    });
  });

  it('answers a comment published without an answer later, once, and nothing else after its publication', async () => {
    const citizen = await signIn(CITIZEN);
    const chair = await signIn(w.chair.email);
    const staff = await signIn(SECRETARIAT);
    const id = (await comment(citizen, 'Will the guidelines cover multilayer trays?')).data?.commentOnMinutes.id ?? '';
    expect((await moderate(chair, id, 'PUBLISH')).errors).toBeUndefined();
    for (const [moderation, extra] of [
      ['PUBLISH', {}],
      ['HIDE', { reason: 'Changed my mind.' }],
    ] as const) {
      const refused = await moderate(chair, id, moderation, extra);
      expect(refused.errors?.[0]?.extensions?.code, moderation).toBe('CONFLICT');
      expect(refused.errors?.[0]?.message).toContain('it can still be answered');
    }
    // Two answers at once: one is the answer, the other is told it came too late.
    const results = await Promise.all([
      moderate(chair, id, 'ANSWER', { answer: 'Yes: the working group takes them up in May.' }),
      moderate(staff, id, 'ANSWER', { answer: 'Yes, from the second draft.' }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    const answer = results.find((r) => !r.errors)?.data?.moderateMeetingComment.answer;
    const seen = await w.t.graphql<{ meetingComment: Comment }>(BY_ID, { id });
    expect(seen.data?.meetingComment).toMatchObject({ status: 'ANSWERED', answer });
    const events = await w.t.database.rows<{ action: string; before: { status: string } }>(
      sql`select action, before from audit_event where object_type = 'meeting_comment' and object_id = ${id}
        and action <> 'meeting_comment.submitted' order by seq`,
    );
    expect(events.map((e) => [e.action, e.before.status])).toEqual([
      ['meeting_comment.published', 'pending'],
      ['meeting_comment.answered', 'published'],
    ]);
    await waitFor(async () => {
      const found = mailsTo(CITIZEN, /answered/).filter((m) => m.text?.includes('multilayer trays'));
      return found.length > 0 ? found : undefined;
    }, 'the writer told of the later answer');
  });

  it('shows a hidden comment’s reason in its place, and only what is in the open in the activity feed', async () => {
    const citizen = await signIn(CITIZEN);
    const chair = await signIn(w.chair.email);
    const id = (await comment(citizen, 'Buy my product at example.com!')).data?.commentOnMinutes.id ?? '';
    const hidden = await moderate(chair, id, 'HIDE', { reason: 'Advertising.' });
    expect(hidden.errors).toBeUndefined();
    const seen = await w.t.graphql<{ meetingComment: Comment }>(BY_ID, { id });
    expect(seen.data?.meetingComment).toMatchObject({ status: 'HIDDEN', text: null, hiddenReason: 'Advertising.' });
    const own = await w.t.graphql<{ meetingComment: Comment }>(BY_ID, { id }, { cookie: citizen });
    expect(own.data?.meetingComment.text).toBe('Buy my product at example.com!');

    const published = (await comment(citizen, 'Thank you for the open minutes.')).data?.commentOnMinutes.id ?? '';
    await moderate(chair, published, 'PUBLISH');
    const stillPending = (await comment(citizen, 'Still waiting.')).data?.commentOnMinutes.id ?? '';

    const feed = await w.t.graphql<{
      alliance: { activity: { nodes: { kind: string; subjectId: string; meetingId: string | null }[] } };
    }>(ACTIVITY, { slug: SLUG });
    const kinds = new Map(feed.data?.alliance.activity.nodes.map((n) => [n.subjectId, n]));
    expect(kinds.get(published)).toMatchObject({ kind: 'COMMENT_PUBLISHED', meetingId });
    expect([...kinds.values()].filter((n) => n.kind === 'COMMENT_ANSWERED').length).toBeGreaterThanOrEqual(1);
    expect(kinds.has(id)).toBe(false);
    expect(kinds.has(stillPending)).toBe(false);

    const listed = await w.t.graphql<{ meeting: { minutes: { comments: Comment[] } } }>(ON_MINUTES, { id: meetingId });
    const statuses = listed.data?.meeting.minutes.comments.map((c) => c.status) ?? [];
    expect(statuses).not.toContain('PENDING');
    expect(statuses).toEqual(expect.arrayContaining(['PUBLISHED', 'ANSWERED', 'HIDDEN']));
  });

  it('holds the daily limit under concurrent comments', async () => {
    const email = 'busy.commenter@example.org';
    const cookie = await signIn(email);
    const [person] = await w.t.database.db.select().from(schema.person).where(eq(schema.person.email, email));
    const [meetingRow] = await w.t.database.db.select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
    if (!person || !meetingRow) throw new Error('set-up');
    const already = COMMENTS_PER_PERSON_PER_DAY - 2;
    await w.t.database.db.insert(schema.meetingComment).values(
      Array.from({ length: already }, (_, i) => ({
        allianceId: meetingRow.allianceId,
        meetingId,
        authorPersonId: person.id,
        text: `Earlier comment ${i}`,
      })),
    );
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => comment(cookie, `At once ${i}`)));
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toHaveLength(3);
    const rows = await w.t.database.db
      .select()
      .from(schema.meetingComment)
      .where(and(eq(schema.meetingComment.authorPersonId, person.id)));
    expect(rows).toHaveLength(COMMENTS_PER_PERSON_PER_DAY);
  });
});
