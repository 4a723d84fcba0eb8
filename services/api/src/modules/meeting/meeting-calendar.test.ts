import type { schema } from '@concord/db';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, fold, meetingCalendar } from './meeting-calendar.ts';

const meeting = (overrides: Partial<schema.Meeting> = {}): schema.Meeting => ({
  id: '018f0000-0000-7000-8000-000000000001',
  allianceId: '018f0000-0000-7000-8000-000000000002',
  workingGroupId: null,
  title: 'Design for recycling, round two',
  purpose: 'Which rules; for whom, and by when?\nA second line.',
  startsAt: new Date('2027-03-12T08:30:00Z'),
  endsAt: new Date('2027-03-12T15:00:00Z'),
  timeZone: 'Europe/Brussels',
  place: 'Berlaymont, room 4/12',
  onlineUrl: 'https://meet.example.org/x',
  capacity: 30,
  audience: 'group_members',
  status: 'scheduled',
  cancellationReason: null,
  sequence: 3,
  createdByPersonId: null,
  createdAt: new Date('2027-01-01T00:00:00Z'),
  updatedAt: new Date('2027-01-02T00:00:00Z'),
  ...overrides,
});

const event = (m = meeting()) => ({
  meeting: m,
  summary: `Packaging: ${m.title}`,
  url: 'https://concord.example/m/1',
  showOnlineUrl: true,
});

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const tz of component.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return component;
}

describe('meeting calendars', () => {
  it('an invitation reads back with its UID, SEQUENCE, method and times in the reader’s zone', () => {
    const text = meetingCalendar({
      method: 'REQUEST',
      timeZone: 'America/New_York',
      events: [event()],
      uidHost: 'concord.example',
      organizer: { name: 'Circular Plastics Alliance', email: 'noreply@concord.example' },
      attendee: { email: 'ana@example.org' },
    });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(vevent.uid).toBe('meeting-018f0000-0000-7000-8000-000000000001@concord.example');
    expect(vevent.sequence).toBe(3);
    expect(vevent.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('America/New_York');
    expect(vevent.startDate.zone?.tzid).toBe('America/New_York');
    expect(vevent.startDate.toString()).toBe('2027-03-12T03:30:00');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2027-03-12T08:30:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2027-03-12T15:00:00.000Z');
    expect(vevent.summary).toBe('Packaging: Design for recycling, round two');
    expect(vevent.description).toContain('Which rules; for whom, and by when?\nA second line.');
    expect(vevent.location).toBe('Berlaymont, room 4/12 · https://meet.example.org/x');
    expect(vevent.organizer).toBe('mailto:noreply@concord.example');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  });

  it('a cancellation says CANCEL and CANCELLED with the same UID', () => {
    const text = meetingCalendar({
      method: 'CANCEL',
      timeZone: 'Europe/Brussels',
      events: [event(meeting({ status: 'cancelled', sequence: 4, cancellationReason: 'Strike' }))],
      uidHost: 'concord.example',
    });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent?.getFirstPropertyValue('sequence')).toBe(4);
  });

  it('a feed holds every meeting; UTC when the zone is UTC', () => {
    const text = meetingCalendar({
      method: 'PUBLISH',
      timeZone: 'UTC',
      name: 'Packaging, meetings',
      events: [event(), event(meeting({ id: '018f0000-0000-7000-8000-000000000009', title: 'Ünïcödé, 東京; \\ ok' }))],
      uidHost: 'concord.example',
    });
    const events = parse(text)
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([
      'Packaging: Design for recycling, round two',
      'Packaging: Ünïcödé, 東京; \\ ok',
    ]);
    expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2027-03-12T08:30:00.000Z');
  });

  it('escapes text and folds long lines without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = fold(`SUMMARY:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'é'.repeat(100)}`);
  });
});
