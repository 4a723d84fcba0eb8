import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../notifications/test/smtp-test-server.ts';
import { inviteesOf } from '../src/modules/meeting/meeting-invitations.ts';
import { cancelMeeting } from '../src/modules/meeting/use-cases/cancel-meeting.ts';
import { scheduleMeeting } from '../src/modules/meeting/use-cases/schedule-meeting.ts';
import { updateMeeting } from '../src/modules/meeting/use-cases/update-meeting.ts';
import { loadActor } from '../src/modules/policy/actor.ts';
import { waitFor } from './journey.ts';
import { type MeetingWorld, meetingInput, meetingTestApp, SLUG } from './meeting-fixtures.ts';

/**
 * Invitations to a meeting through the queue to a real SMTP server: each member's representative gets one per
 * change in their language, with an iCalendar part in their time zone that reads back (ical.js) with a stable UID,
 * a SEQUENCE raised at each change and METHOD:CANCEL at the end; the meeting's .ics and the group's feed too.
 */

let smtp: TestSmtpServer;
let w: MeetingWorld;
beforeAll(async () => {
  smtp = await startSmtpServer();
  w = await meetingTestApp({ SMTP_URL: smtp.url });
}, 120_000);
afterAll(async () => {
  await w?.t.close();
  await smtp?.close();
});

function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) throw new Error(`no calendar in ${mail.subject}`);
  return readCalendar(part.content.toString('utf8'));
}

function readCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = component.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    method: component.getFirstPropertyValue('method'),
    events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    localStart: event.startDate.toString(),
    start: event.startDate.toJSDate().toISOString(),
    location: event.location,
    url: vevent.getFirstPropertyValue('url'),
  };
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';

describe('[MEETINGS] invitations', () => {
  it('reach every member in their language and zone, then the change, then the cancellation', {
    timeout: 180_000,
  }, async () => {
    const db = w.t.database.db;
    const reader = w.members[0];
    if (!reader) throw new Error('the group has no members');
    // A member who reads French, in New York; the others keep the alliance's zone (Europe/Brussels).
    await db
      .update(schema.person)
      .set({ locale: 'fr', timeZone: 'America/New_York' })
      .where(eq(schema.person.id, reader.personId));
    const [chairPerson] = await db.select().from(schema.person).where(eq(schema.person.id, w.chair.personId));
    if (!chairPerson) throw new Error('no chair');
    const actor = await loadActor(db, chairPerson);
    const deps = { db, jobs: w.t.app.jobs, config: w.t.app.config, actor };

    const scheduled = await scheduleMeeting({
      ...deps,
      allianceSlug: SLUG,
      workingGroupId: w.group.id,
      input: { ...meetingInput(), audience: 'group_members' },
    });
    const invitees = await inviteesOf(db, scheduled);
    expect(invitees.length).toBeGreaterThan(1);
    expect(invitees.map((i) => i.email)).toEqual(expect.arrayContaining([w.chair.email, reader.email]));
    expect(invitees.map((i) => i.email)).not.toContain(w.outsider.email);
    const arrived = (n: number) =>
      waitFor(async () => (smtp.messages.length >= n ? smtp.messages.slice(0, n) : undefined), `${n} messages`, 60_000);
    let mails = await arrived(invitees.length);
    expect(new Set(mails.map(to))).toEqual(new Set(invitees.map((i) => i.email.toLowerCase())));

    const french = mails.find((m) => to(m) === reader.email.toLowerCase());
    if (!french) throw new Error('no invitation to the French reader');
    expect(french.subject).toBe(`Invitation : ${scheduled.title}`);
    expect(french.text).toContain('Vous êtes invité');
    const theirs = calendarOf(french);
    expect(theirs).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      status: 'CONFIRMED',
      tzid: 'America/New_York',
      // 09:30 in Brussels on 12 March 2027 is 03:30 in New York (still on standard time there).
      localStart: '2027-03-12T03:30:00',
      start: '2027-03-12T08:30:00.000Z',
    });
    const chairMail = mails.find((m) => to(m) === w.chair.email.toLowerCase());
    if (!chairMail) throw new Error('no invitation to the chair');
    expect(chairMail.subject).toBe(`Invitation: ${scheduled.title}`);
    expect(calendarOf(chairMail)).toMatchObject({ tzid: 'Europe/Brussels', localStart: '2027-03-12T09:30:00' });
    // The link leads to the meeting's page in the portal, under its alliance (the portal's e2e test opens it).
    const page = `${w.t.app.config.publicUrl}/alliances/${SLUG}/meetings/${scheduled.id}`;
    expect(french.text).toContain(page);
    expect(french.text).not.toContain(`${w.t.app.config.publicUrl}/meetings/`);
    expect(theirs.url).toBe(page);
    const uid = theirs.uid;
    expect(uid).toBe(`meeting-${scheduled.id}@${new URL(w.t.app.config.publicUrl).hostname}`);

    // A change: the same UID, SEQUENCE 1.
    await updateMeeting({
      ...deps,
      meetingId: scheduled.id,
      input: { ...meetingInput({ start: '2027-03-12T10:00' }), audience: 'group_members' },
    });
    mails = (await arrived(invitees.length * 2)).slice(invitees.length);
    const changed = mails.find((m) => to(m) === reader.email.toLowerCase());
    expect(changed?.subject).toBe(`Modifiée : ${scheduled.title}`);
    expect(calendarOf(changed as ParsedMail)).toMatchObject({
      method: 'REQUEST',
      uid,
      sequence: 1,
      localStart: '2027-03-12T04:00:00',
    });

    // The cancellation: METHOD:CANCEL, SEQUENCE 2, and the reason in the message.
    await cancelMeeting({ ...deps, meetingId: scheduled.id, reason: 'The venue is closed for a strike.' });
    mails = (await arrived(invitees.length * 3)).slice(invitees.length * 2);
    const cancelled = mails.find((m) => to(m) === w.chair.email.toLowerCase());
    expect(cancelled?.subject).toBe(`Cancelled: ${scheduled.title}`);
    expect(cancelled?.text).toContain('The venue is closed for a strike.');
    expect(calendarOf(cancelled as ParsedMail)).toMatchObject({
      method: 'CANCEL',
      uid,
      sequence: 2,
      status: 'CANCELLED',
    });
    // Exactly one message per invitee and change: nothing sent twice.
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages).toHaveLength(invitees.length * 3);
  });

  it('serves a meeting’s .ics and the group’s feed, which read back; the public gets no online link', async () => {
    const db = w.t.database.db;
    const [chairPerson] = await db.select().from(schema.person).where(eq(schema.person.id, w.chair.personId));
    const actor = await loadActor(db, chairPerson as schema.Person);
    const deps = { db, jobs: w.t.app.jobs, config: w.t.app.config, actor };
    const first = await scheduleMeeting({
      ...deps,
      allianceSlug: SLUG,
      workingGroupId: w.group.id,
      input: { ...meetingInput({ title: 'Feed one' }), audience: 'group_members' },
    });
    await scheduleMeeting({
      ...deps,
      allianceSlug: SLUG,
      workingGroupId: w.group.id,
      input: {
        ...meetingInput({ title: 'Feed two', start: '2027-04-02T09:30', end: '2027-04-02T12:00' }),
        audience: 'group_members',
      },
    });

    const one = await w.t.app.inject({ method: 'GET', url: `/exports/meetings/${first.id}.ics` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toMatch(/^text\/calendar/);
    const single = readCalendar(one.body);
    expect(single).toMatchObject({
      method: 'PUBLISH',
      sequence: 0,
      tzid: 'Europe/Brussels',
      localStart: '2027-03-12T09:30:00',
    });
    expect(single.location).toBe('Berlaymont, room 4/12, Brussels');
    expect(single.url).toBe(`${w.t.app.config.publicUrl}/alliances/${SLUG}/meetings/${first.id}`);
    expect(one.body).not.toContain('meet.example.org');

    const feed = await w.t.app.inject({
      method: 'GET',
      url: `/exports/meetings.ics?alliance=${SLUG}&workingGroup=${w.group.slug}`,
    });
    expect(feed.statusCode).toBe(200);
    const titles = readCalendar(feed.body).events.map((e) => e.summary);
    expect(titles).toEqual(expect.arrayContaining([`${w.group.name}: Feed one`, `${w.group.name}: Feed two`]));
    expect(feed.body).not.toContain('meet.example.org');

    for (const url of [
      '/exports/meetings/not-an-id.ics',
      `/exports/meetings.ics?alliance=${SLUG}&workingGroup=no-such-group`,
      '/exports/meetings.ics?alliance=nobody',
    ]) {
      expect((await w.t.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    for (const url of [
      '/exports/meetings.ics',
      '/exports/meetings.ics?alliance=%00',
      `/exports/meetings.ics?alliance=${SLUG}&workingGroup=A%20B`,
    ]) {
      expect((await w.t.app.inject({ method: 'GET', url })).statusCode, url).toBe(400);
    }
  });
});
