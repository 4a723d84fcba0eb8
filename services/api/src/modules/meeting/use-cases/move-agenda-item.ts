import type { schema } from '@concord/db';
import { badInput } from '../../../errors.ts';
import { changeScript, itemIn, meetingOfItem } from '../agenda-change.ts';
import { renumber } from '../meeting-agenda.ts';
import type { Deps } from '../meeting-changes.ts';

/** Moves an agenda item to `position` (0 first); the others close up around it. */
export async function moveAgendaItem({
  db,
  actor,
  itemId,
  position,
}: Deps & { itemId: string; position: number }): Promise<schema.Meeting> {
  const meetingId = await meetingOfItem(db, actor, itemId);
  return changeScript({
    db,
    actor,
    meetingId,
    change: async ({ tx, meeting, items }) => {
      const item = itemIn(items, itemId);
      if (!Number.isInteger(position) || position < 0 || position >= items.length) {
        throw badInput('position', `Give a place from 0 (first) to ${items.length - 1} (last).`);
      }
      const order = items.map((i) => i.id).filter((id) => id !== item.id);
      order.splice(position, 0, item.id);
      await renumber(tx, meeting.id, order);
    },
  });
}
