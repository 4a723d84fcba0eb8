import { type Database, schema } from '@concord/db';
import {
  documentLocaleFor,
  documentLocales,
  type RunSheetCommitment,
  type RunSheetData,
  runSheetTitle,
} from '@concord/documents';
import { eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { loadCommitmentsOpenAtMeetings } from '../commitment/commitment.reads.ts';
import type { Actor } from '../policy/policy.ts';
import { loadAgendas, timed } from './meeting-agenda.ts';
import { authorizeManage, existingMeeting } from './meeting-changes.ts';

const { alliance, organisation, person, workingGroup } = schema;

/**
 * What a meeting's run sheet shows (services/documents renders it), for its hosts alone: the group's chairs and
 * the secretariat, who may manage the meeting. The public, who may read the script on the meeting's page, are
 * asked to sign in; anyone else signed in is refused; a cancelled meeting has nothing to run. The sheet is in
 * `lang` when it is one of the documents' languages, else in the reader's own.
 */
export async function runSheetOf({
  db,
  actor,
  meetingId,
  lang,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  meetingId: string;
  lang?: unknown;
  now?: Date;
}): Promise<{ data: RunSheetData; filename: string }> {
  const row = await existingMeeting(db, actor, meetingId);
  const host = await authorizeManage(db, actor, row);
  if (row.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'This meeting was cancelled: it has no run sheet.');
  }
  const [[owner], group, [items = []], [reader]] = await Promise.all([
    db.select({ name: alliance.name }).from(alliance).where(eq(alliance.id, row.allianceId)),
    row.workingGroupId
      ? db.select({ name: workingGroup.name }).from(workingGroup).where(eq(workingGroup.id, row.workingGroupId))
      : Promise.resolve([]),
    loadAgendas(db, [row.id]),
    db.select({ locale: person.locale }).from(person).where(eq(person.id, host.personId)),
  ]);
  const reviewed = items.some((item) => item.reviewsOpenCommitments) ? await commitmentsToReview(db, row.id, now) : [];
  const language =
    typeof lang === 'string' && documentLocales.includes(lang) ? lang : documentLocaleFor(reader?.locale ?? 'en');
  const data: RunSheetData = {
    alliance: { name: owner?.name ?? '' },
    workingGroup: group[0] ? { name: group[0].name } : null,
    meeting: {
      title: row.title,
      purpose: row.purpose,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      timeZone: row.timeZone,
      place: row.place,
      onlineUrl: row.onlineUrl,
    },
    items: timed(row, items).map((item) => ({
      title: item.title,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      durationMinutes: item.durationMinutes,
      // The database spells the contract's values in lower case (db/src/schema/enums.ts).
      method: item.method.toUpperCase() as Uppercase<schema.MeetingMethod>,
      hosts: item.hosts,
      question: item.question,
      materials: item.materials,
      openCommitments: item.reviewsOpenCommitments ? reviewed : null,
    })),
    generatedAt: now,
    language,
  };
  // The title without the characters file systems refuse: "Run sheet Design for recycling.pdf".
  const name = runSheetTitle(data)
    .replace(/[\\/:*?"<>|\s]+/g, ' ')
    .trim();
  return { data, filename: `${name}.pdf` };
}

/** The commitments a review on this meeting's script goes through, with their taskholders' names. */
async function commitmentsToReview(db: Database, meetingId: string, now: Date): Promise<RunSheetCommitment[]> {
  const [commitments = []] = await loadCommitmentsOpenAtMeetings(db, [meetingId], now);
  const ids = [...new Set(commitments.map((c) => c.taskholderOrganisationId))];
  const names = ids.length
    ? await db
        .select({ id: organisation.id, name: organisation.legalName })
        .from(organisation)
        .where(inArray(organisation.id, ids))
    : [];
  return commitments.map((c) => ({
    title: c.title,
    taskholder: names.find((n) => n.id === c.taskholderOrganisationId)?.name ?? '',
    deadline: c.deadline,
    status: c.status.toUpperCase() as RunSheetCommitment['status'],
  }));
}
