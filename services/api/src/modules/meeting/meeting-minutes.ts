import { type Database, schema } from '@concord/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { badInput } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';

/** Minutes and their decisions: parsing what the hosts write, and reading them back. */
const { meetingDecision, meetingMinutes } = schema;

export interface MinutesInput {
  text: string;
  decisions: readonly string[];
}

export const DECISIONS_MAX = 50;

export function parseMinutesInput(input: MinutesInput) {
  const text = requiredText(input.text, 'input.text', { max: 50_000, isMultiline: true });
  if (input.decisions.length > DECISIONS_MAX) {
    throw badInput('input.decisions', `A meeting's minutes hold at most ${DECISIONS_MAX} decisions.`);
  }
  const decisions = input.decisions.map((d, i) =>
    requiredText(d, `input.decisions[${i}]`, { max: 2000, isMultiline: true }),
  );
  return { text, decisions };
}

export interface MinutesView extends schema.MeetingMinutes {
  decisions: schema.MeetingDecision[];
}

export async function loadMinutes(db: Database, meetingIds: readonly string[]): Promise<(MinutesView | null)[]> {
  const wanted = [...new Set(meetingIds)];
  if (wanted.length === 0) return [];
  const [minutes, decisions] = await Promise.all([
    db.select().from(meetingMinutes).where(inArray(meetingMinutes.meetingId, wanted)),
    db
      .select()
      .from(meetingDecision)
      .where(inArray(meetingDecision.meetingId, wanted))
      .orderBy(asc(meetingDecision.meetingId), asc(meetingDecision.position)),
  ]);
  return meetingIds.map((id) => {
    const row = minutes.find((m) => m.meetingId === id);
    return row ? { ...row, decisions: decisions.filter((d) => d.meetingId === id) } : null;
  });
}

export async function minutesOf(db: Database, meetingId: string): Promise<MinutesView | null> {
  const [row] = await loadMinutes(db, [meetingId]);
  return row ?? null;
}

/** Replaces the decisions of unpublished minutes with the list given, in order. */
export async function replaceDecisions(tx: Database, meetingId: string, decisions: readonly string[]) {
  await tx.delete(meetingDecision).where(eq(meetingDecision.meetingId, meetingId));
  if (decisions.length === 0) return;
  await tx.insert(meetingDecision).values(decisions.map((text, position) => ({ meetingId, position, text })));
}
