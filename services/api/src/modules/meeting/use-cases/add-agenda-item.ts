import { schema } from '@concord/db';
import { badInput, conflict } from '../../../errors.ts';
import { changeScript } from '../agenda-change.ts';
import { AGENDA_ITEMS_MAX, type AgendaItemInput, parseAgendaItemInput, renumber } from '../meeting-agenda.ts';
import type { Deps } from '../meeting-changes.ts';

/** Adds an item to a meeting's script at `position` (null: last); the items from there move one place on. */
export async function addAgendaItem({
  db,
  actor,
  meetingId,
  position,
  input,
}: Deps & { meetingId: string; position: number | null; input: AgendaItemInput }): Promise<schema.Meeting> {
  const values = parseAgendaItemInput(input);
  return changeScript({
    db,
    actor,
    meetingId,
    change: async ({ tx, meeting, items }) => {
      if (items.length >= AGENDA_ITEMS_MAX) throw conflict(`A script holds at most ${AGENDA_ITEMS_MAX} items.`);
      const at = position ?? items.length;
      if (!Number.isInteger(at) || at < 0 || at > items.length) {
        throw badInput('position', `Give a place from 0 (first) to ${items.length} (last).`);
      }
      const [created] = await tx
        .insert(schema.meetingAgendaItem)
        .values({ ...values, meetingId: meeting.id, position: AGENDA_ITEMS_MAX * 100 })
        .returning();
      const order = items.map((i) => i.id);
      order.splice(at, 0, created?.id ?? '');
      await renumber(tx, meeting.id, order);
    },
  });
}
