import { activityFeed } from '$lib/server/activity';
import type { RequestHandler } from './$types';

/** The alliance's activity as Atom. */
export const GET: RequestHandler = ({ fetch, params, url }) =>
  activityFeed(fetch, url, { slug: params.slug, group: null });
