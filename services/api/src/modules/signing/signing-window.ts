import type { schema } from '@concord/db';

export type SigningWindow =
  | { state: 'open' }
  | { state: 'not_yet_open'; opensOn: string }
  | { state: 'closed'; closedOn: string };

/**
 * Whether the alliance's declaration can be signed at `now`. `signingOpensOn` and `signingClosesOn` are calendar
 * dates in UTC, both inclusive: a window "until 2020-12-31" still takes signatures on the 31st. No date: no limit
 * that side.
 */
export function signingWindowOf(
  alliance: Pick<schema.Alliance, 'signingOpensOn' | 'signingClosesOn'>,
  now: Date,
): SigningWindow {
  const today = now.toISOString().slice(0, 10);
  if (alliance.signingOpensOn && today < alliance.signingOpensOn)
    return { state: 'not_yet_open', opensOn: alliance.signingOpensOn };
  if (alliance.signingClosesOn && today > alliance.signingClosesOn)
    return { state: 'closed', closedOn: alliance.signingClosesOn };
  return { state: 'open' };
}

/** The sentence a signer reads when the window is not open. */
export function closedWindowMessage(window: Exclude<SigningWindow, { state: 'open' }>): string {
  return window.state === 'closed'
    ? `Signing of this declaration closed on ${window.closedOn}.`
    : `Signing of this declaration opens on ${window.opensOn}.`;
}
