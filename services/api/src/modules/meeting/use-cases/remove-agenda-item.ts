import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { changeScript, itemIn, meetingOfItem } from '../agenda-change.ts';
import { renumber } from '../meeting-agenda.ts';
import type { Deps } from '../meeting-changes.ts';

/** Removes an agenda item; the items after it move up. */
export async function removeAgendaItem({ db, actor, itemId }: Deps & { itemId: string }): Promise<schema.Meeting> {
  const meetingId = await meetingOfItem(db, actor, itemId);
  return changeScript({
    db,
    actor,
    meetingId,
    change: async ({ tx, meeting, items }) => {
      const item = itemIn(items, itemId);
      await tx.delete(schema.meetingAgendaItem).where(eq(schema.meetingAgendaItem.id, item.id));
      await renumber(
        tx,
        meeting.id,
        items.map((i) => i.id).filter((id) => id !== item.id),
      );
    },
  });
}
