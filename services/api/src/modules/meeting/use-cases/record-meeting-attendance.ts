import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { badInput, DomainError } from '../../../errors.ts';
import { isUuid } from '../../../lib/validate.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import {
  attendanceOf,
  expectedOrganisationIds,
  type MeetingAttendanceView,
  registeredOrganisationIds,
} from '../meeting-attendance.ts';
import {
  authorizeManage,
  type Deps,
  existingMeeting,
  lockMeeting,
  mustBeScheduled,
  OBJECT_TYPE,
} from '../meeting-changes.ts';

const { meetingAttendance } = schema;

/** More than any group has members: a longer list is a mistake, not a meeting. */
export const ATTENDANCE_MAX = 2000;

/**
 * The meeting's hosts record which organisations took part: the whole list, replacing the one before, in one
 * transaction under the meeting's lock. Members of the group (for a plenary: signatories) and organisations
 * registered may be marked; once the meeting has started, and not when it is cancelled.
 */
export async function recordMeetingAttendance({
  db,
  actor,
  meetingId,
  organisationIds,
  now = new Date(),
}: Deps & { meetingId: string; organisationIds: readonly string[] }): Promise<MeetingAttendanceView> {
  const current = await existingMeeting(db, actor, meetingId);
  const staff = await authorizeManage(db, actor, current);
  if (organisationIds.length > ATTENDANCE_MAX) {
    throw badInput('organisationIds', `Record at most ${ATTENDANCE_MAX} organisations.`);
  }
  organisationIds.forEach((id, i) => {
    if (!isUuid(id)) throw badInput(`organisationIds[${i}]`, 'This is not an organisation’s id.');
  });
  const wanted = [...new Set(organisationIds.map((id) => id.toLowerCase()))];
  return db.transaction(async (tx) => {
    const row = await lockMeeting(tx, current.id);
    mustBeScheduled(row);
    if (now < row.startsAt) throw new DomainError('CONFLICT', 'Attendance is taken once the meeting has started.');
    const allowed = new Set([
      ...(await expectedOrganisationIds(tx, row)),
      ...(await registeredOrganisationIds(tx, row.id)),
    ]);
    organisationIds.forEach((id, i) => {
      if (!allowed.has(id.toLowerCase())) {
        throw badInput(
          `organisationIds[${i}]`,
          'This organisation is neither a member of the group nor registered for the meeting.',
        );
      }
    });
    const before = await tx
      .select({ id: meetingAttendance.organisationId })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, row.id));
    await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, row.id));
    if (wanted.length > 0) {
      await tx.insert(meetingAttendance).values(
        wanted.map((organisationId) => ({
          meetingId: row.id,
          organisationId,
          recordedByPersonId: staff.personId,
          createdAt: now,
        })),
      );
    }
    // Organisations, not people: the audit event holds no personal data.
    await recordAudit(tx, {
      allianceId: row.allianceId,
      actorPersonId: staff.personId,
      action: 'meeting.attendance_recorded',
      objectType: OBJECT_TYPE,
      objectId: row.id,
      before: { organisationIds: before.map((b) => b.id).sort() },
      after: { organisationIds: [...wanted].sort() },
    });
    return attendanceOf(tx, row);
  });
}
