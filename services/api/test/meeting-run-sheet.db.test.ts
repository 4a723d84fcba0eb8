import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectArchivablePdf } from '../../documents/test/pdf-expectations.ts';
import { pdfCatalog, pdfText, scratchDir, squash, writePdf } from '../../documents/test/pdf-tools.ts';
import { CREATE_COMMITMENT, commitmentInput } from './commitment-fixtures.ts';
import {
  CANCEL,
  type MeetingView,
  type MeetingWorld,
  meetingInput,
  meetingTestApp,
  SCHEDULE,
  SECRETARIAT,
  SLUG,
} from './meeting-fixtures.ts';

/**
 * [MEETINGS] The run sheet its hosts print (`/exports/meetings/<id>/run-sheet.pdf`): the group's chairs and the
 * secretariat get it in their language or the one asked; the public is asked to sign in, members and outsiders
 * are refused, an unknown meeting is not found and a cancelled one has none.
 */

const ADD = `mutation($m: ID!, $input: AgendaItemInput!) { addAgendaItem(meetingId: $m, input: $input) { id } }`;
const SET_LOCALE = `mutation($locale: String!) { setMyLocale(locale: $locale) { locale } }`;

let w: MeetingWorld;
let scratch: Awaited<ReturnType<typeof scratchDir>>;
let chair = '';
let meetingId = '';
const url = (id: string, query = '') => `/exports/meetings/${id}/run-sheet.pdf${query}`;

beforeAll(async () => {
  w = await meetingTestApp();
  scratch = await scratchDir();
  chair = await w.signIn(w.chair.email);
  // 09:30 to 11:00 in Brussels: 90 minutes, and a script of 100.
  const res = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
    SCHEDULE,
    { slug: SLUG, group: w.group.id, input: meetingInput({ end: '2027-03-12T11:00' }) },
    { cookie: chair },
  );
  meetingId = res.data?.scheduleMeeting.id ?? '';
  for (const input of [
    { title: 'Check-in circle', durationMinutes: 25, method: 'CIRCLE', hosts: 'Ana Sousa' },
    {
      title: 'Fishbowl on recycled content',
      durationMinutes: 75,
      method: 'FISHBOWL',
      question: 'What would make you buy recycled PP?',
      materials: 'Five chairs in the middle',
    },
  ]) {
    const added = await w.t.graphql(ADD, { m: meetingId, input }, { cookie: chair });
    expect(added.errors).toBeUndefined();
  }
}, 120_000);
afterAll(async () => {
  await scratch?.dispose();
  await w?.t.close();
});

async function get(path: string, cookie?: string) {
  return w.t.app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });
}

async function readSheet(path: string, cookie: string, name: string) {
  const response = await get(path, cookie);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['cache-control']).toBe('private, no-store');
  const file = await writePdf(scratch.path(`${name}.pdf`), response.rawPayload);
  return { response, file, text: squash(await pdfText(file)), lang: (await pdfCatalog(file)).catalog['/Lang'] };
}

describe('[MEETINGS] the run sheet', () => {
  it('gives the chair the script minute by minute in their language, archivable, and flags the overrun', async () => {
    const { response, file, text } = await readSheet(url(meetingId), chair, 'chair-en');
    expect(response.headers['content-language']).toBe('en');
    expect(String(response.headers['content-disposition'])).toContain(
      "filename*=UTF-8''Run%20sheet%20Design%20for%20recycling",
    );
    await expectArchivablePdf(file, { title: 'Run sheet: Design for recycling: the second round' });
    for (const phrase of [
      w.group.name,
      '09:30–11:00 (Europe/Brussels)',
      '90 min, script 100 min',
      'The script runs 10 min past the meeting’s end at 11:00',
      '09:30–09:55 Check-in circle Circle 25',
      '09:55–11:10 (over) Fishbowl on recycled content Fishbowl 75',
      'Question What would make you buy recycled PP?',
      'Materials Five chairs in the middle',
      'Hosts Ana Sousa',
      'An inner circle of four or five chairs',
    ]) {
      expect(text, phrase).toContain(phrase);
    }
  });

  it('is in the language asked (German), else in the reader’s own (French, set on the account)', async () => {
    const asked = await readSheet(url(meetingId, '?lang=de'), chair, 'chair-de');
    expect(asked.lang).toBe('u:de');
    expect(asked.text).toContain('Ablaufplan: Design for recycling: the second round');
    expect(asked.text).toContain('09:55–11:10 (über der Zeit) Fishbowl on recycled content Fishbowl 75');
    expect(asked.text).toContain('Ein Innenkreis aus vier bis fünf Stühlen');

    const secretariat = await w.signIn(SECRETARIAT);
    const set = await w.t.graphql(SET_LOCALE, { locale: 'fr' }, { cookie: secretariat });
    expect(set.errors).toBeUndefined();
    const own = await readSheet(url(meetingId), secretariat, 'secretariat-fr');
    expect(own.lang).toBe('u:fr');
    expect(own.response.headers['content-language']).toBe('fr');
    expect(own.text).toContain('Déroulé : Design for recycling: the second round');
    expect(own.text).toContain('vendredi 12 mars 2027');
    expect(own.text).toContain('Le déroulé dépasse de 10 min la fin de la réunion, prévue à 11:00');
    // A language the documents do not speak is ignored: the reader's own.
    expect((await readSheet(url(meetingId, '?lang=xx'), secretariat, 'secretariat-xx')).lang).toBe('u:fr');
  });

  it('lists, under an item that reviews them, the group’s open commitments with taskholder, deadline and status', async () => {
    const scheduled = await w.t.graphql<{ scheduleMeeting: MeetingView }>(
      SCHEDULE,
      { slug: SLUG, group: w.group.id, input: meetingInput({ title: 'Follow-up' }) },
      { cookie: chair },
    );
    const followUp = scheduled.data?.scheduleMeeting.id ?? '';
    const review = { title: 'Review of open commitments', durationMinutes: 20, method: 'PLENARY' };
    const added = await w.t.graphql(
      ADD,
      { m: followUp, input: { ...review, reviewsOpenCommitments: true } },
      { cookie: chair },
    );
    expect(added.errors).toBeUndefined();
    // The demo group's own commitments are all done or dropped by now.
    const empty = await readSheet(url(followUp), chair, 'review-empty');
    expect(empty.text).toContain('Open commitments to review No open commitment to review.');

    const [taskholder] = await w.t.database.db
      .select({ name: schema.organisation.legalName })
      .from(schema.organisation)
      .where(eq(schema.organisation.id, w.chair.organisationId));
    const created = await w.t.graphql(
      CREATE_COMMITMENT,
      {
        slug: SLUG,
        group: w.group.slug,
        input: commitmentInput(w.chair.organisationId, {
          title: 'Collect the trays’ sorting results',
          deadline: '2027-02-26',
        }),
        note: 'Agreed.',
      },
      { cookie: chair },
    );
    expect(created.errors).toBeUndefined();
    const { text } = await readSheet(url(followUp), chair, 'review');
    expect(text).toContain('Open commitments to review Commitment Taskholder Deadline Status');
    expect(text).toContain(`Collect the trays’ sorting results ${taskholder?.name} 2027-02-26 Open`);
    const german = await readSheet(url(followUp, '?lang=de'), chair, 'review-de');
    expect(german.text).toContain('Offene Aufgaben zur Durchsicht Aufgabe Verantwortlich Frist Stand');
    expect(german.text).toContain('2027-02-26 Offen');
  });

  it('refuses everyone but the hosts, and has none for an unknown or a cancelled meeting', async () => {
    const member = await w.signIn(w.members[0]?.email ?? '');
    const outsider = await w.signIn(w.outsider.email);
    const cases: [string, string | undefined, number, string][] = [
      ['the public', undefined, 401, 'UNAUTHENTICATED'],
      ['a member of the group', member, 403, 'FORBIDDEN'],
      ['a signatory outside the group', outsider, 403, 'FORBIDDEN'],
    ];
    for (const [who, cookie, status, code] of cases) {
      const response = await get(url(meetingId), cookie);
      expect(response.statusCode, who).toBe(status);
      expect(response.json(), who).toMatchObject({ code });
      expect(response.headers['content-type'], who).not.toContain('pdf');
    }
    for (const id of ['018f0000-0000-7000-8000-000000000000', 'not-an-id']) {
      const response = await get(url(id), chair);
      expect(response.statusCode, id).toBe(404);
    }
    const cancelled = await w.t.graphql(CANCEL, { id: meetingId, reason: 'The room flooded.' }, { cookie: chair });
    expect(cancelled.errors).toBeUndefined();
    const gone = await get(url(meetingId), chair);
    expect(gone.statusCode).toBe(409);
    expect(gone.json()).toMatchObject({ code: 'CONFLICT' });
  });
});
