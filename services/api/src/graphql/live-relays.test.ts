import { describe, expect, it } from 'vitest';
import { modules } from '../app.ts';
import type { AuditNotice } from './live-events.ts';

const alliance = '0190a2b4-0000-7000-8000-00000000a11a';
const object = '0190a2b4-0000-7000-8000-0000000000b1';
const notice = (action: string, objectType = action.split('.')[0] ?? ''): AuditNotice => ({
  seq: 1,
  allianceId: alliance,
  action,
  objectType,
  objectId: object,
});
const topicsOf = (n: AuditNotice) => modules.flatMap((m) => m.liveRelay?.(n) ?? []);

describe('which live views an audit event concerns (the modules’ liveRelay)', () => {
  it('tells the feed of what it shows only, the queues of their objects, a meeting’s script of its changes', () => {
    expect(topicsOf(notice('meeting.scheduled'))).toEqual([{ topic: `activity-added:${alliance}` }]);
    expect(topicsOf(notice('meeting.script_changed'))).toEqual([{ topic: `meeting-script-changed:${object}` }]);
    expect(
      topicsOf(notice('meeting.cancelled'))
        .map((t) => t.topic)
        .sort(),
    ).toEqual([`activity-added:${alliance}`, `meeting-script-changed:${object}`]);
    expect(topicsOf(notice('pledge.submitted'))).toEqual([
      { topic: `review-queue-changed:${alliance}`, payload: { queue: 'pledges' } },
    ]);
    expect(
      topicsOf(notice('pledge.accepted'))
        .map((t) => t.topic)
        .sort(),
    ).toEqual([`activity-added:${alliance}`, `review-queue-changed:${alliance}`]);
    expect(topicsOf(notice('meeting_comment.submitted'))).toEqual([
      { topic: `review-queue-changed:${alliance}`, payload: { queue: 'comments' } },
    ]);
    expect(topicsOf(notice('progress_report.submitted'))).toEqual([
      { topic: `review-queue-changed:${alliance}`, payload: { queue: 'progress_reports' } },
    ]);
    expect(topicsOf(notice('signature.confirmed'))).toEqual([
      { topic: `review-queue-changed:${alliance}`, payload: { queue: 'signatures' } },
    ]);
    // Private or unrelated: nobody is told.
    for (const action of ['meeting.minutes_saved', 'meeting.place_taken', 'person.renamed', 'commitment.noted']) {
      expect(topicsOf(notice(action)), action).toEqual([]);
    }
    expect(topicsOf({ ...notice('meeting.scheduled'), allianceId: null })).toEqual([]);
  });
});
