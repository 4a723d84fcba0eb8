import { error, redirect } from '@sveltejs/kit';
import { MeetingAllianceDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/**
 * `/meetings/<id>`, the address the first invitations carried: the meeting's page lives under its alliance
 * (`/alliances/<slug>/meetings/<id>`), so this answers with a permanent redirect there (the language prefix kept).
 */
export const load: PageServerLoad = async ({ fetch, params }) => {
  const { meeting } = await execute(fetch, MeetingAllianceDocument, { id: params.id });
  if (!meeting) error(404, { message: m.meeting_not_found(), code: 'NOT_FOUND' });
  redirect(301, `/alliances/${meeting.alliance.slug}/meetings/${meeting.id}`);
};
