import type { Database } from '@concord/db';
import type { Actor } from '../../policy/policy.ts';
import type { SegmentView } from '../announcement.reads.ts';
import { allianceToAnnounceIn, segmentViewOf } from '../announcement-changes.ts';
import { type AnnouncementInput, parseAnnouncementInput } from '../announcement-input.ts';
import { recipientsOf, resolveSegment } from '../announcement-segment.ts';

export interface AnnouncementPreview {
  title: string;
  body: string;
  segment: SegmentView;
  recipientCount: number;
}

/**
 * What sending would do, written nowhere: the text as it would be sent and how many people would get it now. The
 * count comes from the send's own recipients query (the segment's representatives who take announcements, each once).
 */
export async function previewAnnouncement({
  db,
  actor,
  allianceSlug,
  input,
  now = new Date(),
}: {
  db: Database;
  actor: Actor | null;
  allianceSlug: string;
  input: AnnouncementInput;
  now?: Date;
}): Promise<AnnouncementPreview> {
  const target = await allianceToAnnounceIn(db, actor, allianceSlug);
  const parsed = parseAnnouncementInput(input);
  const segment = await resolveSegment(db, target.id, parsed.segment, now);
  const recipients = await recipientsOf(db, target.id, segment);
  return { title: parsed.title, body: parsed.body, segment: segmentViewOf(segment), recipientCount: recipients.length };
}
