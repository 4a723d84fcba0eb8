import { json } from '@sveltejs/kit';
import { ACTIVITY_PAGE_SIZE, feedLocale, renderAtom } from '$lib/activity';
import { AllianceActivityDocument, WorkingGroupNameDocument } from '$lib/graphql/operations.generated';
import { localeOfPath } from '$lib/locale-path';
import { execute } from '$lib/server/graphql';

/** A page of an alliance's (or a group's) public activity, for the page and the feed. */
export async function loadActivity(
  fetch: typeof globalThis.fetch,
  { slug, group, after }: { slug: string; group: string | null; after: string | null },
) {
  const [{ alliance }, named] = await Promise.all([
    execute(fetch, AllianceActivityDocument, { slug, group, after, first: ACTIVITY_PAGE_SIZE }),
    group ? execute(fetch, WorkingGroupNameDocument, { slug, group }) : Promise.resolve(null),
  ]);
  return { alliance, group: named?.alliance.workingGroup ?? null };
}

/**
 * The Atom feed of the newest activity (GET `…/activity.atom`, `?lang=` for its language), public and briefly
 * cacheable; an unknown alliance or group is the API's NOT_FOUND, a 404.
 */
export async function activityFeed(
  fetch: typeof globalThis.fetch,
  url: URL,
  { slug, group }: { slug: string; group: string | null },
): Promise<Response> {
  const lang = url.searchParams.get('lang');
  if (lang !== null && !/^[a-z]{2}$/.test(lang)) {
    return json({ error: 'Name a language by its two-letter code: ?lang=fr', field: 'lang' }, { status: 400 });
  }
  const loaded = await loadActivity(fetch, { slug, group, after: null });
  const body = renderAtom({
    origin: url.origin,
    allianceSlug: loaded.alliance.slug,
    allianceName: loaded.alliance.name,
    group: loaded.group,
    locale: feedLocale(lang, localeOfPath(url.pathname), loaded.alliance.languages),
    entries: loaded.alliance.activity.nodes,
    now: new Date(),
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
    },
  });
}
