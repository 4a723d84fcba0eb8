/**
 * The live script between two answers of the server (the meeting's live page): the minutes left follow the clock, and
 * the page asks the server again when "now" or "next" changes, at the next boundary of the script.
 */

interface LiveItem {
  startsAt: string;
  endsAt: string;
}

export interface LiveState<TItem extends LiveItem> {
  at: string;
  minutesLeft: number | null;
  now: TItem | null;
  next: TItem | null;
}

/** The script as the server answered it, at `clock` (ms) instead: the same items, the minutes left counted down. */
export function tickLiveScript<T extends LiveState<LiveItem>>(live: T, clock: number): T {
  const minutesLeft = live.now ? Math.max(0, Math.ceil((Date.parse(live.now.endsAt) - clock) / 60_000)) : null;
  return { ...live, at: new Date(clock).toISOString(), minutesLeft };
}

/**
 * The first instant (ms) after the server's answer at which what it shows changes: the item running ends, the next
 * one starts, the meeting starts or ends. Null when nothing is left to change (over, or cancelled).
 */
export function nextLiveBoundary(meeting: {
  status: string;
  startsAt: string;
  endsAt: string;
  liveScript: LiveState<LiveItem>;
}): number | null {
  if (meeting.status === 'CANCELLED') return null;
  const { liveScript: live } = meeting;
  const at = Date.parse(live.at);
  const instants = [live.now?.endsAt, live.next?.startsAt, meeting.startsAt, meeting.endsAt]
    .filter((instant): instant is string => Boolean(instant))
    .map(Date.parse)
    .filter((instant) => instant > at);
  return instants.length > 0 ? Math.min(...instants) : null;
}
