import type { schema } from '@concord/db';

export type SigningWindow =
  | { state: 'open' }
  | { state: 'not_yet_open'; opensOn: string }
  | { state: 'closed'; closedOn: string };

/**
 * Whether a declaration version can be signed at `now`. `openFrom` and `openUntil` are calendar dates in UTC,
 * both inclusive: a window "until 2020-12-31" still takes signatures on the 31st. No date: no limit that side.
 */
export function signingWindowOf(
  declaration: Pick<schema.DeclarationVersion, 'openFrom' | 'openUntil'>,
  now: Date,
): SigningWindow {
  const today = now.toISOString().slice(0, 10);
  if (declaration.openFrom && today < declaration.openFrom)
    return { state: 'not_yet_open', opensOn: declaration.openFrom };
  if (declaration.openUntil && today > declaration.openUntil)
    return { state: 'closed', closedOn: declaration.openUntil };
  return { state: 'open' };
}

/** The sentence a signer reads when the window is not open. */
export function closedWindowMessage(window: Exclude<SigningWindow, { state: 'open' }>): string {
  return window.state === 'closed'
    ? `Signing of this declaration closed on ${window.closedOn}.`
    : `Signing of this declaration opens on ${window.opensOn}.`;
}
