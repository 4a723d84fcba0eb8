/**
 * The activity feed, live, without the framework (docs/adr/0028-enhancing-without-the-framework.md): the first page of
 * a feed is server-rendered and ships no Svelte; this module subscribes to `activityAdded` after the newest entry the
 * page shows and, when entries are added, reads the page again from the server and puts the entries it does not show
 * yet at the top of the list, as the server renders them, announcing them in the page's polite live region. The
 * entries already there, and the reader's focus, stay where they are. After a dropped connection it subscribes again
 * after the newest entry it shows, and the API sends what it missed meanwhile.
 */
import { ActivityAddedDocument, type ActivityAddedSubscription } from '../graphql/operations.generated';
import { sameHostUrl, subscribe } from '../live/graphql-ws';
import { live_activity_added } from '../paraglide/messages/live_activity_added.js';
import { live_activity_added_many } from '../paraglide/messages/live_activity_added_many.js';
import { baseLocale, isLocale } from '../paraglide/runtime.js';

const seqOf = (item: Element) => Number((item as HTMLElement).dataset.seq ?? 0);

export function enhanceLiveActivity(document: Document): () => void {
  const feed = document.querySelector<HTMLElement>('[data-live-activity]');
  const announcer = document.querySelector<HTMLElement>('[data-live-announcer]');
  const allianceSlug = feed?.dataset.liveActivity;
  if (!feed || !announcer || !allianceSlug) return () => {};
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : baseLocale;
  const newest = () => Math.max(0, ...[...feed.querySelectorAll('li[data-seq]')].map(seqOf));

  /** Reads the page again and adds the entries it does not show yet; one reading at a time, again if asked meanwhile. */
  let reading: Promise<void> | null = null;
  let isAskedAgain = false;
  const refresh = async (): Promise<void> => {
    if (reading) {
      isAskedAgain = true;
      return;
    }
    reading = addNewEntries().catch(() => {});
    await reading;
    reading = null;
    if (isAskedAgain) {
      isAskedAgain = false;
      await refresh();
    }
  };
  const addNewEntries = async () => {
    const response = await fetch(document.location.href, { headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser()
      .parseFromString(await response.text(), 'text/html')
      .querySelector('[data-live-activity]');
    const freshList = fresh?.querySelector('ol');
    if (!freshList) return;
    const shown = newest();
    const added = [...freshList.querySelectorAll('li[data-seq]')].filter((item) => seqOf(item) > shown);
    if (added.length === 0) return;
    let list = feed.querySelector('ol');
    if (!list) {
      // The feed was empty: its list takes the place of the sentence saying so.
      list = document.importNode(freshList, false);
      feed.replaceChildren(list);
    }
    list.prepend(...added.map((item) => document.importNode(item, true)));
    const title = added[0]?.querySelector('a')?.textContent?.trim() ?? '';
    announcer.textContent =
      added.length === 1
        ? live_activity_added({ title }, { locale })
        : live_activity_added_many({ count: added.length, title }, { locale });
  };

  return subscribe<ActivityAddedSubscription>({
    url: sameHostUrl(document.location),
    query: ActivityAddedDocument.toString(),
    variables: () => ({ slug: allianceSlug, group: feed.dataset.liveGroup ?? null, since: newest() }),
    onData: ({ activityAdded }) => {
      if (activityAdded.seq > newest()) void refresh();
    },
  });
}

if (typeof document !== 'undefined') enhanceLiveActivity(document);
