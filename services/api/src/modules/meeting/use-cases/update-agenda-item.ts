import { schema } from '@concord/db';
import { eq } from 'drizzle-orm';
import { changeScript, itemIn, meetingOfItem } from '../agenda-change.ts';
import { type AgendaItemInput, parseAgendaItemInput } from '../meeting-agenda.ts';
import type { Deps } from '../meeting-changes.ts';

/** Changes an agenda item; the items after it move with its duration. */
export async function updateAgendaItem({
  db,
  actor,
  itemId,
  input,
  now = new Date(),
}: Deps & { itemId: string; input: AgendaItemInput }): Promise<schema.Meeting> {
  const meetingId = await meetingOfItem(db, actor, itemId);
  const values = parseAgendaItemInput(input);
  return changeScript({
    db,
    actor,
    meetingId,
    change: async ({ tx, items }) => {
      const item = itemIn(items, itemId);
      await tx
        .update(schema.meetingAgendaItem)
        .set({ ...values, updatedAt: now })
        .where(eq(schema.meetingAgendaItem.id, item.id));
    },
  });
}
