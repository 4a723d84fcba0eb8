import type {
  auditEvent,
  CommitmentStatus,
  commitmentUpdate,
  meetingAgendaItem,
  meetingAttendance,
  meetingDecision,
  meetingMinutes,
  NewCommitment,
  NewMeeting,
  NewMeetingComment,
  NewPerson,
} from '../schema/index.ts';
import { COMMENTS, READERS } from './meeting-comments.ts';
import { MEETINGS, type MeetingSpec } from './meeting-plan.ts';
import { script } from './meeting-scripts.ts';
import type { DemoOrganisation } from './organisations.ts';
import { addDays, addMinutes, type IdMaker, type Random, utc } from './random.ts';
import type { DemoWorkingGroup } from './working-groups.ts';

/**
 * The working groups' first year in meetings, as the CPA held it: fourteen participatory meetings from the groups'
 * launch to the end of 2019, each scripted to the minute (World Café, Open Space, Circle, fishbowl, breakouts), with
 * published minutes, decisions, the commitments they gave rise to and how those went, attendance, and a few comments
 * from the public, moderated by the chair. The audit events that make them the alliance's public activity go with
 * them. Fictional content; deterministic like the rest of the plan.
 */

export interface DemoMeetings {
  readers: (NewPerson & { id: string })[];
  meetings: (NewMeeting & { id: string })[];
  agendaItems: (typeof meetingAgendaItem.$inferInsert)[];
  attendance: (typeof meetingAttendance.$inferInsert)[];
  minutes: (typeof meetingMinutes.$inferInsert)[];
  decisions: (typeof meetingDecision.$inferInsert & { id: string })[];
  commitments: (NewCommitment & { id: string })[];
  commitmentUpdates: (typeof commitmentUpdate.$inferInsert)[];
  comments: NewMeetingComment[];
  /** In the order they happened: the database numbers and chains them as they come. */
  auditEvents: (typeof auditEvent.$inferInsert)[];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export function buildMeetings(
  random: Random,
  ids: IdMaker,
  allianceId: string,
  groups: readonly DemoWorkingGroup[],
  organisations: readonly DemoOrganisation[],
): DemoMeetings {
  const byId = new Map(organisations.map((o) => [o.row.id, o]));
  const out: DemoMeetings = {
    readers: READERS.map((r) => {
      const at = utc('2019-10-01T09:00:00Z');
      return { id: ids.at(at), email: r.email, name: r.name, locale: 'en', createdAt: at, updatedAt: at };
    }),
    meetings: [],
    agendaItems: [],
    attendance: [],
    minutes: [],
    decisions: [],
    commitments: [],
    commitmentUpdates: [],
    comments: [],
    auditEvents: [],
  };
  const seenGroups = new Set<string>();
  for (const spec of MEETINGS) {
    const group = groups.find((g) => g.row.slug === spec.group);
    if (!group) throw new Error(`no demo group ${spec.group}`);
    const chairMember = group.members.find((m) => m.role === 'chair');
    const chair = chairMember ? byId.get(chairMember.organisationId) : undefined;
    if (!chair) throw new Error(`the demo group ${spec.group} has no chair`);
    const startsAt = utc(spec.start);
    const items = script(spec.script, spec.purpose, !seenGroups.has(spec.group));
    seenGroups.add(spec.group);
    const endsAt = addMinutes(
      startsAt,
      items.reduce((sum, i) => sum + i.minutes, 0),
    );
    const scheduledAt = addDays(startsAt, -random.int(18, 30));
    const publishedAt = addMinutes(addDays(endsAt, random.int(3, 8)), random.int(30, 300));
    const meetingId = ids.at(scheduledAt);
    const actor = { actorPersonId: chair.representative.id, actorOrganisationId: chair.row.id };
    // Members by then, and signatories: who could be in the room and take on a task.
    const present = group.members.filter((m) => {
      const org = byId.get(m.organisationId);
      return (m.joinedAt as Date) <= startsAt && org?.timeline.activeSince && org.timeline.activeSince <= startsAt;
    });
    out.meetings.push({
      id: meetingId,
      allianceId,
      workingGroupId: group.row.id,
      title: spec.title,
      purpose: spec.purpose,
      startsAt,
      endsAt,
      timeZone: 'Europe/Brussels',
      place: spec.place === 'Online' ? null : spec.place,
      onlineUrl: spec.place === 'Online' || spec.place.startsWith('Online and') ? 'https://meet.example.org/cpa' : null,
      capacity: Math.max(40, present.length + 10),
      audience: 'group_members',
      createdByPersonId: chair.representative.id,
      createdAt: scheduledAt,
      updatedAt: scheduledAt,
    });
    out.auditEvents.push({
      ...actor,
      occurredAt: scheduledAt,
      allianceId,
      action: 'meeting.scheduled',
      objectType: 'meeting',
      objectId: meetingId,
      after: {
        title: spec.title,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        workingGroupId: group.row.id,
      },
    });
    items.forEach((item, position) => {
      out.agendaItems.push({
        meetingId,
        id: ids.at(scheduledAt),
        position,
        title: item.title,
        durationMinutes: item.minutes,
        method: item.method,
        hosts: item.hosts,
        question: item.question,
        materials: item.materials,
        reviewsOpenCommitments: item.reviewsOpenCommitments ?? false,
        createdAt: scheduledAt,
        updatedAt: scheduledAt,
      });
    });
    const attended = present.filter(() => random.chance(0.6));
    for (const m of attended) {
      out.attendance.push({
        meetingId,
        organisationId: m.organisationId,
        recordedByPersonId: chair.representative.id,
        createdAt: endsAt,
      });
    }
    const text = [
      `# ${spec.title}`,
      '',
      spec.summary,
      '',
      '## What we worked on',
      '',
      ...spec.themes.map((t) => `- ${t}`),
      '',
      `${attended.length} member organisations took part. The chair thanked the hosts of each round.`,
    ].join('\n');
    out.minutes.push({
      meetingId,
      text,
      publishedAt,
      publishedByPersonId: chair.representative.id,
      createdAt: endsAt,
      updatedAt: publishedAt,
    });
    const decisionRows = spec.decisions.map((d, position) => ({
      id: ids.at(endsAt),
      meetingId,
      position,
      text: d,
      createdAt: endsAt,
      updatedAt: endsAt,
    }));
    out.decisions.push(...decisionRows);
    out.auditEvents.push({
      ...actor,
      occurredAt: publishedAt,
      allianceId,
      action: 'meeting.minutes_published',
      objectType: 'meeting',
      objectId: meetingId,
      after: { text, decisions: decisionRows.map((d) => ({ id: d.id, text: d.text })) },
    });
    // Taskholders: member companies and associations that were in the room (not the chair, who has enough to do).
    const candidates = attended
      .map((m) => byId.get(m.organisationId))
      .filter((o): o is DemoOrganisation => o !== undefined && o.row.id !== chair.row.id)
      .filter((o) => o.row.kind === 'company' || o.row.kind === 'association');
    spec.commitments.forEach((c, i) => {
      const taskholder = random.pick(candidates.length > 0 ? candidates : [chair]);
      // Each commitment arises from a decision of the minutes, in order.
      const decisionId = (decisionRows[i] ?? decisionRows.at(-1))?.id ?? null;
      out.commitments.push(
        ...commitmentHistory(random, ids, { allianceId, group, chair, taskholder, c, publishedAt, decisionId }, out),
      );
    });
  }
  COMMENTS.forEach((c, i) => {
    const meeting = out.meetings[c.meeting];
    const spec = MEETINGS[c.meeting];
    const reader = out.readers[c.reader];
    if (!meeting || !spec || !reader) throw new Error(`demo comment ${i} points at nothing`);
    const group = groups.find((g) => g.row.slug === spec.group);
    const chairMember = group?.members.find((m) => m.role === 'chair');
    const chair = chairMember ? byId.get(chairMember.organisationId) : undefined;
    const minutes = out.minutes.find((m) => m.meetingId === meeting.id);
    const decision = out.decisions.find((d) => d.meetingId === meeting.id && d.position === c.decision);
    if (!chair || !minutes?.publishedAt) throw new Error(`demo comment ${i} has no chair or minutes`);
    const at = addMinutes(addDays(minutes.publishedAt, random.int(1, 6)), random.int(0, 600));
    const moderatedAt = addMinutes(addDays(at, random.int(1, 4)), random.int(0, 300));
    const id = ids.at(at);
    out.comments.push({
      id,
      allianceId,
      meetingId: meeting.id,
      decisionId: c.decision === null ? null : (decision?.id ?? null),
      authorPersonId: reader.id,
      text: c.text,
      status: c.status,
      answer: c.answer ?? null,
      hiddenReason: c.reason ?? null,
      moderatedAt,
      moderatedByPersonId: chair.representative.id,
      moderatedByOrganisationId: chair.row.id,
      createdAt: at,
      updatedAt: moderatedAt,
    });
    out.auditEvents.push({
      occurredAt: moderatedAt,
      allianceId,
      actorPersonId: chair.representative.id,
      actorOrganisationId: chair.row.id,
      action: `meeting_comment.${c.status}`,
      objectType: 'meeting_comment',
      objectId: id,
      before: { status: 'pending' },
      after: {
        status: c.status,
        meetingId: meeting.id,
        decisionId: c.decision === null ? null : (decision?.id ?? null),
        answer: c.answer ?? null,
        hiddenReason: c.reason ?? null,
      },
    });
  });
  out.auditEvents.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime());
  return out;
}

/** A commitment recorded when the minutes were published, taken up by its taskholder, and done or dropped. */
function commitmentHistory(
  random: Random,
  ids: IdMaker,
  {
    allianceId,
    group,
    chair,
    taskholder,
    c,
    publishedAt,
    decisionId,
  }: {
    allianceId: string;
    decisionId: string | null;
    group: DemoWorkingGroup;
    chair: DemoOrganisation;
    taskholder: DemoOrganisation;
    c: MeetingSpec['commitments'][number];
    publishedAt: Date;
  },
  out: DemoMeetings,
): (NewCommitment & { id: string })[] {
  const recordedAt = addMinutes(publishedAt, 5);
  const deadline = isoDate(addDays(recordedAt, c.days));
  const id = ids.at(recordedAt);
  const started = addMinutes(
    addDays(recordedAt, random.int(7, Math.max(8, Math.floor(c.days / 3)))),
    random.int(0, 500),
  );
  const ended = addMinutes(addDays(recordedAt, random.int(Math.floor(c.days / 2), c.days - 1)), random.int(0, 500));
  const steps: {
    at: Date;
    from: CommitmentStatus | null;
    to: CommitmentStatus;
    note: string;
    byRole: 'chair' | 'taskholder';
    org: DemoOrganisation;
  }[] = [
    { at: recordedAt, from: null, to: 'open', note: 'Agreed at the meeting.', byRole: 'chair', org: chair },
    {
      at: started,
      from: 'open',
      to: 'in_progress',
      note: 'Work has started; a first draft is circulating.',
      byRole: 'taskholder',
      org: taskholder,
    },
    c.outcome === 'done'
      ? {
          at: ended,
          from: 'in_progress',
          to: 'done',
          note: 'Done: the result is with the group.',
          byRole: 'taskholder',
          org: taskholder,
        }
      : {
          at: ended,
          from: 'in_progress',
          to: 'dropped',
          note: 'Dropped: the group agreed to fold this into a wider piece of work.',
          byRole: 'chair',
          org: chair,
        },
  ];
  for (const step of steps) {
    out.commitmentUpdates.push({
      id: ids.at(step.at),
      commitmentId: id,
      occurredAt: step.at,
      fromStatus: step.from,
      toStatus: step.to,
      deadline,
      note: step.note,
      byRole: step.byRole,
      byOrganisationId: step.org.row.id,
      authorPersonId: step.org.representative.id,
    });
    out.auditEvents.push({
      occurredAt: step.at,
      allianceId,
      actorPersonId: step.org.representative.id,
      actorOrganisationId: step.org.row.id,
      action: step.from === null ? 'commitment.created' : `commitment.${step.to}`,
      objectType: 'commitment',
      objectId: id,
      before: step.from === null ? null : { status: step.from },
      after:
        step.from === null
          ? {
              decisionId,
              title: c.title,
              workingGroupId: group.row.id,
              taskholderOrganisationId: taskholder.row.id,
              deadline,
              status: 'open',
            }
          : { status: step.to, note: step.note, byRole: step.byRole },
    });
  }
  const last = steps.at(-1);
  return [
    {
      id,
      allianceId,
      workingGroupId: group.row.id,
      title: c.title,
      taskholderOrganisationId: taskholder.row.id,
      deadline,
      status: last?.to ?? 'open',
      decisionId,
      createdByPersonId: chair.representative.id,
      createdAt: recordedAt,
      updatedAt: last?.at ?? recordedAt,
    },
  ];
}
