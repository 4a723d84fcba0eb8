import type {
  auditEvent,
  CommitmentStatus,
  commitmentUpdate,
  MeetingMethod,
  meetingAgendaItem,
  meetingAttendance,
  meetingDecision,
  meetingMinutes,
  NewCommitment,
  NewMeeting,
  NewMeetingComment,
  NewPerson,
} from '../schema/index.ts';
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

type Script = 'world_cafe' | 'open_space' | 'fishbowl' | 'circle';

interface MeetingSpec {
  group: string;
  /** The start, UTC. */
  start: string;
  title: string;
  purpose: string;
  place: string;
  script: Script;
  summary: string;
  themes: string[];
  decisions: string[];
  /** Commitments arising from the decisions: what, days to the deadline, and how it went. */
  commitments: { title: string; days: number; outcome: 'done' | 'dropped' }[];
}

const MEETINGS: readonly MeetingSpec[] = [
  {
    group: 'packaging',
    start: '2019-10-22T07:30:00Z',
    title: 'Packaging: kick-off',
    purpose: 'What must change along the packaging chain for recycled plastics to reach 10 million tonnes?',
    place: 'Albert Borschette Conference Centre, room 1A, Brussels',
    script: 'world_cafe',
    summary:
      'Forty-two organisations met for the first time and mapped what stands between them and more recycled content.',
    themes: [
      'design that sorting plants cannot handle',
      'contamination of collected films',
      'price volatility of recyclates',
    ],
    decisions: [
      'Draft design-for-recycling guidelines for rigid PET and PP packaging by the spring.',
      'Collect figures on sorting capacity by country before the next meeting.',
    ],
    commitments: [
      { title: 'Draft the design-for-recycling guidelines for rigid PET and PP packaging', days: 150, outcome: 'done' },
      { title: 'Collect sorting-capacity figures from national federations', days: 45, outcome: 'done' },
    ],
  },
  {
    group: 'construction',
    start: '2019-10-24T08:00:00Z',
    title: 'Construction: kick-off',
    purpose: 'Which construction products can take recycled plastics without lowering their performance?',
    place: 'Madou Plaza, 25th floor, Brussels',
    script: 'circle',
    summary:
      'The group listed the products closest to using more recycled material: pipes, window profiles and membranes.',
    themes: ['standards that require virgin material', 'legacy additives in demolition waste', 'take-back of offcuts'],
    decisions: [
      'Start with pipes, profiles and membranes; insulation follows in 2020.',
      'Ask the standardisation bodies which product standards block recycled content.',
    ],
    commitments: [
      {
        title: 'List the product standards that block recycled content in pipes and profiles',
        days: 90,
        outcome: 'done',
      },
    ],
  },
  {
    group: 'automotive',
    start: '2019-10-29T08:30:00Z',
    title: 'Automotive: kick-off',
    purpose: 'How do more recycled plastics get from end-of-life vehicles back into new cars?',
    place: 'Centre Albert Borschette, room 0C, Brussels',
    script: 'world_cafe',
    summary: 'Dismantlers, recyclers and carmakers compared what each needs from the others.',
    themes: ['dismantling before shredding', 'post-shredder sorting', 'qualifying recycled grades for interior parts'],
    decisions: [
      'Map the recycled grades already qualified for interior parts.',
      'Hold the next meeting at a post-shredder sorting plant.',
    ],
    commitments: [{ title: 'Map the recycled PP grades qualified for interior parts', days: 100, outcome: 'done' }],
  },
  {
    group: 'electrical-electronic-equipment',
    start: '2019-10-31T08:00:00Z',
    title: 'Electrical and electronic equipment: kick-off',
    purpose: 'What would it take to close the loop for plastics from discarded appliances?',
    place: 'Online and at Covent Garden, room 2, Brussels',
    script: 'open_space',
    summary: 'An Open Space of nine sessions, proposed by the participants, on the plastics of discarded appliances.',
    themes: ['brominated fractions', 'certifying clean recyclates', 'demand from equipment makers'],
    decisions: [
      'Agree one test method for restricted substances in recyclates.',
      'Invite the equipment makers that are not yet signatories.',
    ],
    commitments: [
      { title: 'Propose one test method for restricted substances in recyclates', days: 120, outcome: 'done' },
      { title: 'Invite ten equipment makers to the next meeting', days: 30, outcome: 'dropped' },
    ],
  },
  {
    group: 'agriculture',
    start: '2019-11-05T08:30:00Z',
    title: 'Agriculture: kick-off',
    purpose: 'How can used agricultural films be collected in every member state?',
    place: 'Copa-Cogeca House, Brussels',
    script: 'circle',
    summary: 'Collection schemes from five member states told how they started and what they would do differently.',
    themes: ['soil on collected films', 'seasons of collection', 'schemes run by farmers’ organisations'],
    decisions: [
      'Write a short guide to starting a collection scheme.',
      'Share the schemes’ collection figures each quarter.',
    ],
    commitments: [
      { title: 'Write a guide to starting a collection scheme for farm films', days: 120, outcome: 'done' },
    ],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-11-12T08:00:00Z',
    title: 'Monitoring: kick-off',
    purpose: 'How will the alliance know, tonne by tonne, that its target is being met?',
    place: 'Berlaymont, room S3, Brussels',
    script: 'world_cafe',
    summary: 'The group agreed what the monitoring system must count and who would report what.',
    themes: ['what counts as recycled content', 'avoiding double counting along the chain', 'certification schemes'],
    decisions: [
      'Count recycled plastics where they enter a new product, once.',
      'Use existing certification schemes rather than a new one.',
    ],
    commitments: [{ title: 'Compare the certification schemes for recycled content', days: 75, outcome: 'done' }],
  },
  {
    group: 'packaging',
    start: '2019-11-14T08:00:00Z',
    title: 'Packaging: design for recycling',
    purpose: 'Which design rules can converters and brand owners apply by 2025?',
    place: 'Albert Borschette Conference Centre, room 3B, Brussels',
    script: 'open_space',
    summary: 'Eleven sessions on design rules, from labels and inks to multilayer films.',
    themes: ['sleeves and labels', 'black plastics that sorters cannot see', 'multilayer films'],
    decisions: [
      'Recommend detectable colours instead of carbon black for trays.',
      'Work with the sorting plants on the detectability of sleeves.',
    ],
    commitments: [{ title: 'Test detectable black colourants at two sorting plants', days: 120, outcome: 'done' }],
  },
  {
    group: 'construction',
    start: '2019-11-19T08:30:00Z',
    title: 'Construction: standards and legacy additives',
    purpose: 'How can recycled PVC with legacy additives be used safely?',
    place: 'Madou Plaza, 25th floor, Brussels',
    script: 'fishbowl',
    summary:
      'A fishbowl on legacy additives, with recyclers, a public authority and a trade union in the inner circle.',
    themes: ['legacy additives', 'worker safety in recycling plants', 'traceability of recycled PVC'],
    decisions: ['Propose a traceability scheme for recycled PVC.', 'Meet the standardisation bodies in January.'],
    commitments: [{ title: 'Propose a traceability scheme for recycled PVC', days: 120, outcome: 'done' }],
  },
  {
    group: 'automotive',
    start: '2019-11-21T09:00:00Z',
    title: 'Automotive: post-shredder sorting',
    purpose: 'What can post-shredder sorting deliver, in quality and in tonnes?',
    place: 'Online',
    script: 'fishbowl',
    summary: 'Sorting plants showed the grades they can deliver; carmakers said which they could use.',
    themes: ['density and colour sorting', 'polypropylene quality from shredder residue', 'volumes per country'],
    decisions: ['Run a pilot of recycled PP from shredder residue in two interior parts.'],
    commitments: [
      { title: 'Run a pilot of recycled PP from shredder residue in interior parts', days: 180, outcome: 'done' },
    ],
  },
  {
    group: 'electrical-electronic-equipment',
    start: '2019-11-26T08:00:00Z',
    title: 'Electrical and electronic equipment: demand for recyclates',
    purpose: 'Which recycled grades would equipment makers buy, and on what terms?',
    place: 'Covent Garden, room 2, Brussels',
    script: 'world_cafe',
    summary: 'Equipment makers and recyclers worked through specifications table by table.',
    themes: ['specifications', 'supply contracts over several years', 'colour and odour'],
    decisions: ['Publish a common specification sheet for recycled ABS and PS.'],
    commitments: [{ title: 'Publish a common specification sheet for recycled ABS and PS', days: 90, outcome: 'done' }],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-11-28T08:00:00Z',
    title: 'Monitoring: the reporting template',
    purpose: 'What should each signatory report, and how often?',
    place: 'Berlaymont, room S3, Brussels',
    script: 'open_space',
    summary: 'Sessions on each part of the reporting template, proposed and hosted by the participants.',
    themes: ['reporting by polymer', 'confidentiality of company figures', 'annual or quarterly reporting'],
    decisions: [
      'Report once a year, by polymer and application, with company figures kept confidential.',
      'Test the template with ten signatories before the first campaign.',
    ],
    commitments: [{ title: 'Test the reporting template with ten signatories', days: 60, outcome: 'done' }],
  },
  {
    group: 'agriculture',
    start: '2019-12-03T08:30:00Z',
    title: 'Agriculture: from collection to new products',
    purpose: 'Which farm products can be made from collected films and pipes?',
    place: 'Copa-Cogeca House, Brussels',
    script: 'open_space',
    summary: 'Recyclers and farm-product makers matched collected materials with products.',
    themes: ['irrigation pipes', 'silage film with recycled content', 'quality of washed film'],
    decisions: ['Start a pilot of silage film with 30 % recycled content.'],
    commitments: [{ title: 'Run a pilot of silage film with 30 % recycled content', days: 200, outcome: 'dropped' }],
  },
  {
    group: 'packaging',
    start: '2019-12-10T08:00:00Z',
    title: 'Packaging: flexible films',
    purpose: 'How can more household flexible films be collected, sorted and recycled?',
    place: 'Albert Borschette Conference Centre, room 1A, Brussels',
    script: 'fishbowl',
    summary: 'A fishbowl with collectors, sorters and two retailers on household films.',
    themes: ['separate collection of films', 'sorting mono- and multilayer films', 'end markets for recycled LDPE'],
    decisions: ['Ask every member state’s collection scheme for film-sorting figures.'],
    commitments: [{ title: 'Gather film-sorting figures from the collection schemes', days: 90, outcome: 'done' }],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-12-12T08:00:00Z',
    title: 'Monitoring: the first campaign',
    purpose: 'What must be ready before the first reporting campaign opens?',
    place: 'Online',
    script: 'circle',
    summary: 'The group went through what the first campaign needs, and who prepares each part.',
    themes: ['a help desk for signatories', 'checks on implausible figures', 'what is published and when'],
    decisions: [
      'Open the first campaign in spring 2020 for the year 2019.',
      'Publish totals only, never a single company’s figures.',
    ],
    commitments: [{ title: 'Prepare the help desk for the first reporting campaign', days: 90, outcome: 'done' }],
  },
];

interface ItemSpec {
  title: string;
  minutes: number;
  method: MeetingMethod;
  hosts: string | null;
  question: string | null;
  materials: string | null;
  /** Lists the group's open commitments under the item. */
  reviewsOpenCommitments?: boolean;
}

const REVIEW: ItemSpec = {
  title: 'Review of open commitments',
  minutes: 20,
  method: 'plenary',
  hosts: 'The chair, with each taskholder',
  question: 'What is done, what is late, and what help is needed?',
  materials: 'The list of the group’s open commitments',
  reviewsOpenCommitments: true,
};

function script(kind: Script, purpose: string, isFirst: boolean): ItemSpec[] {
  const checkIn: ItemSpec = {
    title: 'Welcome and check-in round',
    minutes: 20,
    method: 'circle',
    hosts: 'The chair',
    question: 'What brings you here, and what do you need from this group?',
    materials: 'A talking piece; chairs in one circle',
  };
  const decisions: ItemSpec = {
    title: 'Decisions and commitments',
    minutes: 30,
    method: 'circle',
    hosts: 'The chair and the co-chairs',
    question: 'Who does what, by when?',
    materials: 'The commitments board',
  };
  const pause = (minutes: number, title = 'Break'): ItemSpec => ({
    title,
    minutes,
    method: 'break',
    hosts: null,
    question: null,
    materials: null,
  });
  const body: Record<Script, ItemSpec[]> = {
    world_cafe: [
      {
        title: 'Framing the question',
        minutes: 20,
        method: 'plenary',
        hosts: 'The chair',
        question: purpose,
        materials: 'Slides',
      },
      {
        title: 'World Café: three rounds of twenty minutes',
        minutes: 70,
        method: 'world_cafe',
        hosts: 'One table host per table',
        question: purpose,
        materials: 'Paper tablecloths, markers, a bell',
      },
      pause(15),
      {
        title: 'Harvest',
        minutes: 30,
        method: 'plenary',
        hosts: 'The table hosts',
        question: 'What did we hear at every table?',
        materials: 'Flip charts',
      },
    ],
    open_space: [
      {
        title: 'Opening the space',
        minutes: 20,
        method: 'open_space',
        hosts: 'The facilitator',
        question: purpose,
        materials: 'A wall of time slots and rooms',
      },
      {
        title: 'Marketplace: proposing sessions',
        minutes: 25,
        method: 'open_space',
        hosts: 'Anyone with a topic',
        question: null,
        materials: 'Sticky notes, markers',
      },
      {
        title: 'Sessions, first round',
        minutes: 60,
        method: 'open_space',
        hosts: 'The session conveners',
        question: null,
        materials: 'Report forms',
      },
      pause(45, 'Lunch'),
      {
        title: 'Sessions, second round',
        minutes: 60,
        method: 'open_space',
        hosts: 'The session conveners',
        question: null,
        materials: 'Report forms',
      },
      {
        title: 'News from the sessions',
        minutes: 30,
        method: 'plenary',
        hosts: 'The facilitator',
        question: 'What did each session find?',
        materials: 'The session reports on the wall',
      },
    ],
    fishbowl: [
      {
        title: 'Fishbowl',
        minutes: 60,
        method: 'fishbowl',
        hosts: 'The chair as moderator',
        question: purpose,
        materials: 'Five chairs in the middle, one of them empty',
      },
      pause(15),
      {
        title: 'Breakout groups',
        minutes: 45,
        method: 'breakout',
        hosts: 'One rapporteur per group',
        question: 'What would make this work in your part of the chain?',
        materials: 'Breakout rooms, templates',
      },
      {
        title: 'Report back',
        minutes: 25,
        method: 'plenary',
        hosts: 'The rapporteurs',
        question: null,
        materials: null,
      },
    ],
    circle: [
      {
        title: 'Framing the question',
        minutes: 15,
        method: 'plenary',
        hosts: 'The chair',
        question: purpose,
        materials: null,
      },
      {
        title: 'Circle: what we know from experience',
        minutes: 75,
        method: 'circle',
        hosts: 'A circle host and a guardian of time',
        question: purpose,
        materials: 'A talking piece',
      },
      pause(15),
      {
        title: 'Breakout groups',
        minutes: 40,
        method: 'breakout',
        hosts: 'One rapporteur per group',
        question: 'What is the first step?',
        materials: 'Templates',
      },
    ],
  };
  return [
    checkIn,
    ...(isFirst ? [] : [REVIEW]),
    ...body[kind],
    decisions,
    { ...checkIn, title: 'Closing round', minutes: 10, question: 'One word on how you leave.' },
  ];
}

/** People who read the minutes and wrote in: no organisation, as anyone may. */
const READERS = [
  { name: 'Ingrid Vos', email: 'ingrid.vos@example.net' },
  { name: 'Tomasz Nowicki', email: 'tomasz.nowicki@example.net' },
  { name: 'Lucía Ferrer', email: 'lucia.ferrer@example.net' },
];

interface CommentSpec {
  meeting: number;
  /** The decision (0 for the first), or null for the minutes as a whole. */
  decision: number | null;
  reader: number;
  text: string;
  status: 'published' | 'answered' | 'hidden';
  answer?: string;
  reason?: string;
}

const COMMENTS: readonly CommentSpec[] = [
  {
    meeting: 0,
    decision: 0,
    reader: 0,
    text: 'Will the guidelines cover trays made of several materials? They are the ones our local sorting plant rejects.',
    status: 'answered',
    answer: 'Yes: multi-material trays get their own chapter, drafted with two sorting plants.',
  },
  {
    meeting: 0,
    decision: 1,
    reader: 1,
    text: 'Please publish the sorting-capacity figures by country, not only the European total.',
    status: 'published',
  },
  {
    meeting: 5,
    decision: 0,
    reader: 2,
    text: 'How will you avoid counting the same tonne twice when a recycler sells to a converter who sells to a brand?',
    status: 'answered',
    answer:
      'Only the organisation that puts the recycled material into a new product reports it; the others report nothing for that tonne.',
  },
  {
    meeting: 6,
    decision: null,
    reader: 1,
    text: 'Best prices for certified recyclate, delivered anywhere in Europe: write to our sales team today!',
    status: 'hidden',
    reason: 'Advertising: comments are for questions and input on the minutes.',
  },
  {
    meeting: 6,
    decision: 0,
    reader: 0,
    text: 'Good to see carbon black addressed. Consumers notice black trays disappearing only if someone tells them why.',
    status: 'published',
  },
  {
    meeting: 10,
    decision: 0,
    reader: 2,
    text: 'Is there a way for small companies to report without hiring a consultant?',
    status: 'answered',
    answer:
      'Yes: the template has a short form for small and medium-sized companies, and the help desk fills it in with them.',
  },
  {
    meeting: 13,
    decision: 1,
    reader: 1,
    text: 'Totals only is right. Will the totals be broken down by polymer?',
    status: 'answered',
    answer: 'By polymer and by application, wherever at least three signatories report.',
  },
];

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
