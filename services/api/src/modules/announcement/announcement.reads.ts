import { type Database, schema } from '@concord/db';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { type Page, toPage } from '../../lib/pagination.ts';
import { isUuid } from '../../lib/validate.ts';

/** The announcements of an alliance as the public reads them: newest first, with what their segment names. */
const { announcement, declarationVersion, reportingCampaign, workingGroup } = schema;

/** An announcement's segment as the API shows it: nothing in it names an organisation or a person. */
export interface SegmentView {
  kind: schema.AnnouncementSegment;
  workingGroup: schema.WorkingGroup | null;
  country: string | null;
  organisationKind: schema.OrganisationKind | null;
  campaignYear: number | null;
  declarationVersion: number | null;
}

export interface AnnouncementView {
  row: schema.Announcement;
  segment: SegmentView;
}

export const announcementCursor = (view: AnnouncementView) =>
  encodeCursor([view.row.sentAt.toISOString(), view.row.id]);

function afterCursor(after: string): SQL | undefined {
  const [sentAt, id] = decodeCursor(after, ['string', 'string']) as [string, string];
  if (Number.isNaN(Date.parse(sentAt)) || !isUuid(id))
    throw badInput('after', 'The cursor is not one this API issued.');
  return or(
    lt(announcement.sentAt, new Date(sentAt)),
    and(eq(announcement.sentAt, new Date(sentAt)), lt(announcement.id, id)),
  );
}

/** Announcements with what their segments name, newest first: one statement. */
async function selectAnnouncements(db: Database, where: SQL | undefined, limit: number): Promise<AnnouncementView[]> {
  const rows = await db
    .select({
      row: announcement,
      workingGroup,
      campaignYear: reportingCampaign.year,
      declarationVersion: declarationVersion.version,
    })
    .from(announcement)
    .leftJoin(workingGroup, eq(workingGroup.id, announcement.workingGroupId))
    .leftJoin(reportingCampaign, eq(reportingCampaign.id, announcement.campaignId))
    .leftJoin(declarationVersion, eq(declarationVersion.id, announcement.declarationVersionId))
    .where(where)
    .orderBy(desc(announcement.sentAt), desc(announcement.id))
    .limit(limit);
  return rows.map((r) => ({
    row: r.row,
    segment: {
      kind: r.row.segment,
      workingGroup: r.workingGroup,
      country: r.row.country,
      organisationKind: r.row.organisationKind,
      campaignYear: r.campaignYear,
      declarationVersion: r.declarationVersion,
    },
  }));
}

export async function listAnnouncements(
  db: Database,
  allianceId: string,
  { first, after }: { first: number; after?: string | null | undefined },
): Promise<Page<AnnouncementView>> {
  const where = and(eq(announcement.allianceId, allianceId), after ? afterCursor(after) : undefined);
  return toPage(await selectAnnouncements(db, where, first + 1), first);
}

/** The announcement a send form's request key made, if any. */
export async function findAnnouncementByKey(
  db: Database,
  allianceId: string,
  requestKey: string,
): Promise<AnnouncementView | null> {
  const where = and(eq(announcement.allianceId, allianceId), eq(announcement.requestKey, requestKey));
  const [found] = await selectAnnouncements(db, where, 1);
  return found ?? null;
}
