import { type Database, schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { notFound } from '../../errors.ts';
import { type Actor, authenticate, authorize } from '../policy/policy.ts';
import type { SegmentView } from './announcement.reads.ts';
import type { ResolvedSegment } from './announcement-segment.ts';

/** What the announcement use cases share: the alliance and the right, the segment as shown, the public address. */
const { alliance } = schema;

/** The alliance by its slug, for a member of its secretariat (the public is asked to sign in first). */
export async function allianceToAnnounceIn(
  db: Database,
  actor: Actor | null,
  allianceSlug: string,
): Promise<schema.Alliance> {
  authenticate(actor);
  const [target] = await db.select().from(alliance).where(eq(alliance.slug, allianceSlug)).limit(1);
  if (!target) throw notFound(`No alliance has the slug "${allianceSlug}".`);
  authorize(actor, { action: 'announcement.send', allianceId: target.id });
  return target;
}

export function segmentViewOf(segment: ResolvedSegment): SegmentView {
  return {
    kind: segment.kind,
    workingGroup: segment.workingGroup,
    country: segment.country,
    organisationKind: segment.organisationKind,
    campaignYear: segment.campaign?.year ?? null,
    declarationVersion: segment.declarationVersion?.version ?? null,
  };
}

/** Where the public reads it: the alliance's announcements page, at the announcement. */
export const announcementUrl = (config: Config, allianceSlug: string, announcementId: string) =>
  `${config.publicUrl}/alliances/${encodeURIComponent(allianceSlug)}/announcements#announcement-${announcementId}`;
