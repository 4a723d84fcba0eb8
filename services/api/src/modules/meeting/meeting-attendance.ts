import { type Database, schema } from '@concord/db';
import { and, asc, eq, inArray, max } from 'drizzle-orm';

/**
 * Who took part in a meeting, against whom it was for: the group's member organisations (for a plenary: the
 * alliance's active signatories), with the organisations registered besides. Counted by organisation, by value-chain
 * stage and by country, so that the chair sees who was not in the room.
 */
const { meetingAttendance, meetingRegistration, organisation, signature, workingGroupMember } = schema;

export interface MeetingAttendeeView {
  organisation: schema.Organisation;
  isExpected: boolean;
  isRegistered: boolean;
  isPresent: boolean;
}

export interface MeetingAttendanceView {
  attendees: MeetingAttendeeView[];
  recordedAt: Date | null;
  byStage: { stage: schema.ValueChainStage; present: number; expected: number }[];
  byCountry: { country: string; present: number; expected: number }[];
}

/** The organisations the meeting was for: the group's members, or for a plenary the active signatories. */
export async function expectedOrganisationIds(db: Database, row: schema.Meeting): Promise<string[]> {
  const rows =
    row.workingGroupId === null
      ? await db
          .selectDistinct({ id: signature.organisationId })
          .from(signature)
          .where(and(eq(signature.allianceId, row.allianceId), eq(signature.status, 'active')))
      : await db
          .select({ id: workingGroupMember.organisationId })
          .from(workingGroupMember)
          .where(eq(workingGroupMember.workingGroupId, row.workingGroupId));
  return rows.map((r) => r.id);
}

/** The organisations people registered for (a place or the waiting list). */
export async function registeredOrganisationIds(db: Database, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: meetingRegistration.organisationId })
    .from(meetingRegistration)
    .where(
      and(eq(meetingRegistration.meetingId, meetingId), inArray(meetingRegistration.status, ['registered', 'waiting'])),
    );
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}

export async function attendanceOf(db: Database, row: schema.Meeting): Promise<MeetingAttendanceView> {
  const [expected, registered, present] = await Promise.all([
    expectedOrganisationIds(db, row),
    registeredOrganisationIds(db, row.id),
    db
      .select({ id: meetingAttendance.organisationId, at: meetingAttendance.createdAt })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, row.id)),
  ]);
  const expectedIds = new Set(expected);
  const registeredIds = new Set(registered);
  const presentIds = new Set(present.map((p) => p.id));
  const ids = [...new Set([...expected, ...registered, ...presentIds])];
  const organisations =
    ids.length === 0
      ? []
      : await db.select().from(organisation).where(inArray(organisation.id, ids)).orderBy(asc(organisation.legalName));
  const attendees = organisations.map((o) => ({
    organisation: o,
    isExpected: expectedIds.has(o.id),
    isRegistered: registeredIds.has(o.id),
    isPresent: presentIds.has(o.id),
  }));
  const [recorded] = await db
    .select({ at: max(meetingAttendance.createdAt) })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, row.id));
  return { attendees, recordedAt: recorded?.at ?? null, ...countsOf(attendees) };
}

/** Present and expected by stage (in the chain's order) and by country (by code). */
export function countsOf(attendees: readonly MeetingAttendeeView[]) {
  const stages = new Map<schema.ValueChainStage, { present: number; expected: number }>();
  const countries = new Map<string, { present: number; expected: number }>();
  const add = <K>(map: Map<K, { present: number; expected: number }>, key: K, a: MeetingAttendeeView) => {
    const count = map.get(key) ?? { present: 0, expected: 0 };
    if (a.isPresent) count.present += 1;
    if (a.isExpected) count.expected += 1;
    map.set(key, count);
  };
  for (const a of attendees) {
    if (!a.isPresent && !a.isExpected) continue;
    for (const stage of a.organisation.stages) add(stages, stage, a);
    add(countries, a.organisation.country, a);
  }
  return {
    byStage: schema.valueChainStages.flatMap((stage) => {
      const count = stages.get(stage);
      return count ? [{ stage, ...count }] : [];
    }),
    byCountry: [...countries.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([country, count]) => ({ country, ...count })),
  };
}
