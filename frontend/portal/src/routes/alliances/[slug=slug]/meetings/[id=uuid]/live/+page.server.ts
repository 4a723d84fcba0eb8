import { error } from '@sveltejs/kit';
import { MeetingLiveDocument } from '$lib/graphql/operations.generated';
import { readerZone } from '$lib/meeting-labels';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/**
 * The script live, "now" and "next", rendered on the server at each load so that it works without JavaScript (a
 * refresh link); `?at=<ISO instant>` shows another moment, for the hosts' rehearsal.
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const asked = url.searchParams.get('at');
  const at = asked && !Number.isNaN(Date.parse(asked)) ? new Date(asked).toISOString() : null;
  const { me, meeting } = await execute(fetch, MeetingLiveDocument, { id: params.id, at });
  if (!meeting || meeting.alliance.slug !== params.slug) {
    error(404, { message: m.meeting_not_found(), code: 'NOT_FOUND' });
  }
  return { meeting, at, timeZone: readerZone(me?.timeZone, meeting.timeZone) };
};
