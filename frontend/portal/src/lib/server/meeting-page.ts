import { error } from '@sveltejs/kit';
import { MeetingPageDocument, type MeetingPageQuery } from '$lib/graphql/operations.generated';
import { readerZone } from '$lib/meeting-labels';
import { m } from '$lib/paraglide/messages.js';
import { execute } from './graphql';

export type MeetingView = NonNullable<MeetingPageQuery['meeting']>;

/** The meeting a page under `/alliances/<slug>/meetings/<id>` shows: a 404 for another alliance's or none. */
export async function loadMeeting(
  fetch: typeof globalThis.fetch,
  params: { slug: string; id: string },
): Promise<{ meeting: MeetingView; isSignedIn: boolean; timeZone: string }> {
  const { me, meeting } = await execute(fetch, MeetingPageDocument, { id: params.id });
  if (!meeting || meeting.alliance.slug !== params.slug) {
    error(404, { message: m.meeting_not_found(), code: 'NOT_FOUND' });
  }
  return { meeting, isSignedIn: me !== null, timeZone: readerZone(me?.timeZone, meeting.timeZone) };
}

/** The pages of the meeting's hosts (change, script, minutes): the others are told it is not theirs. */
export async function loadManagedMeeting(fetch: typeof globalThis.fetch, params: { slug: string; id: string }) {
  const loaded = await loadMeeting(fetch, params);
  if (!loaded.meeting.viewerCanManage) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  return loaded;
}
