import { activityFeed } from '$lib/server/activity';
import type { RequestHandler } from './$types';

/** One working group's activity as Atom. */
export const GET: RequestHandler = ({ fetch, params, url }) =>
  activityFeed(fetch, url, { slug: params.slug, group: params.group });
