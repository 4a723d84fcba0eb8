import { schema } from '@concord/db';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { buildTestApp, type TestApp } from './helper.ts';
import { signIn } from './journey.ts';

/** What the meeting tests share: the demo alliance, a group with its chair and members, and a valid meeting. */
export const SLUG = 'circular-plastics';
export const SECRETARIAT = 'secretariat@concord.example';

export const MEETING_FIELDS = `id title purpose startsAt endsAt timeZone localStart localEnd place onlineUrl capacity
  audience status cancellationReason sequence workingGroup { id slug }`;
export const SCHEDULE = `mutation($slug: String!, $group: ID, $input: MeetingInput!) {
  scheduleMeeting(allianceSlug: $slug, workingGroupId: $group, input: $input) { ${MEETING_FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $input: MeetingInput!) { updateMeeting(id: $id, input: $input) { ${MEETING_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { ${MEETING_FIELDS} } }`;
export const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`;

export interface MeetingView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  localStart: string;
  localEnd: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number;
  audience: string;
  status: string;
  cancellationReason: string | null;
  sequence: number;
  workingGroup: { id: string; slug: string } | null;
}

export const meetingInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'Design for recycling: the second round',
  purpose: 'Which design rules for PET trays can the whole chain apply by 2025?',
  start: '2027-03-12T09:30',
  end: '2027-03-12T16:00',
  timeZone: 'Europe/Brussels',
  place: 'Berlaymont, room 4/12, Brussels',
  onlineUrl: 'https://meet.example.org/cpa-dfr-2',
  capacity: 30,
  audience: 'GROUP_MEMBERS',
  ...overrides,
});

export interface Rep {
  email: string;
  personId: string;
  organisationId: string;
}

export interface MeetingWorld {
  t: TestApp;
  group: schema.WorkingGroup;
  /** A representative of the group's chair organisation. */
  chair: Rep;
  /** Representatives of other member organisations of the group (one each). */
  members: Rep[];
  /** A representative of a signatory outside the group. */
  outsider: Rep;
  cookies: Map<string, string>;
  signIn(email: string): Promise<string>;
}

async function representatives(t: TestApp, organisationIds: string[]): Promise<Rep[]> {
  if (organisationIds.length === 0) return [];
  const rows = await t.database.db
    .select({
      email: schema.person.email,
      personId: schema.person.id,
      organisationId: schema.organisationMember.organisationId,
    })
    .from(schema.organisationMember)
    .innerJoin(schema.person, eq(schema.person.id, schema.organisationMember.personId))
    .where(inArray(schema.organisationMember.organisationId, organisationIds))
    .orderBy(asc(schema.person.email));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.organisationId) && seen.add(r.organisationId));
}

/** The demo alliance's first group with a chair, the chair's and members' representatives, and one outsider. */
export async function meetingTestApp(env: Record<string, string> = {}): Promise<MeetingWorld> {
  const t = await buildTestApp({ env });
  const { workingGroup, workingGroupMember } = schema;
  const [chairRow] = await t.database.db
    .select({ group: workingGroup, organisationId: workingGroupMember.organisationId })
    .from(workingGroupMember)
    .innerJoin(workingGroup, eq(workingGroup.id, workingGroupMember.workingGroupId))
    .where(and(eq(workingGroupMember.role, 'chair'), eq(workingGroup.status, 'active')))
    .orderBy(asc(workingGroup.slug))
    .limit(1);
  if (!chairRow) throw new Error('no chaired group in the demo data');
  const memberRows = await t.database.db
    .select({ organisationId: workingGroupMember.organisationId })
    .from(workingGroupMember)
    .where(and(eq(workingGroupMember.workingGroupId, chairRow.group.id), ne(workingGroupMember.role, 'chair')));
  const [chair] = await representatives(t, [chairRow.organisationId]);
  const members = await representatives(
    t,
    memberRows.map((m) => m.organisationId),
  );
  const inGroup = new Set([chairRow.organisationId, ...memberRows.map((m) => m.organisationId)]);
  const active = await t.database.db
    .select({ organisationId: schema.signature.organisationId })
    .from(schema.signature)
    .where(eq(schema.signature.status, 'active'));
  const [outsider] = await representatives(
    t,
    active
      .map((a) => a.organisationId)
      .filter((id) => !inGroup.has(id))
      .slice(0, 20),
  );
  if (!chair || !outsider) throw new Error('the demo data lacks a chair or an outsider');
  const cookies = new Map<string, string>();
  return {
    t,
    group: chairRow.group,
    chair,
    members,
    outsider,
    cookies,
    async signIn(email: string) {
      const known = cookies.get(email);
      if (known) return known;
      const cookie = await signIn(t, email);
      cookies.set(email, cookie);
      return cookie;
    },
  };
}
