import { commitmentStatusLabel } from '$lib/commitment-labels';
import type { AllianceActivityQuery } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime.js';

/** One entry of the public activity feed, as the API sends it (`Alliance.activity`). */
export type ActivityEntry = AllianceActivityQuery['alliance']['activity']['nodes'][number];

/** How many entries a page and a feed show. */
export const ACTIVITY_PAGE_SIZE = 30;

/** Where a feed of an alliance, or of one of its groups, lives: the page and its Atom twin. */
export const activityPath = (allianceSlug: string, groupSlug?: string | null) =>
  groupSlug ? `/alliances/${allianceSlug}/working-groups/${groupSlug}/activity` : `/alliances/${allianceSlug}/activity`;

/**
 * What the entry says happened, in the reader's language (or `locale`). An organisation the API no longer names
 * (it stopped being a public signatory) is left out of the sentence rather than guessed.
 */
export function activityTitle(entry: ActivityEntry, locale?: Locale): string {
  const options = locale ? { locale } : {};
  const title = entry.subjectTitle ?? '';
  const organisation = entry.organisationName ?? '';
  switch (entry.kind) {
    case 'MEETING_SCHEDULED':
      return m.activity_meeting_scheduled({ title }, options);
    case 'MEETING_CANCELLED':
      return m.activity_meeting_cancelled({ title }, options);
    case 'MINUTES_PUBLISHED':
      return m.activity_minutes_published({ title }, options);
    case 'COMMENT_PUBLISHED':
      return m.activity_comment_published({ title }, options);
    case 'COMMENT_ANSWERED':
      return m.activity_comment_answered({ title }, options);
    case 'COMMITMENT_RECORDED':
      return m.activity_commitment_recorded({ title }, options);
    case 'COMMITMENT_STATUS_CHANGED':
      return m.activity_commitment_status(
        { title, status: entry.commitmentStatus ? commitmentStatusLabel(entry.commitmentStatus, options) : '' },
        options,
      );
    case 'SIGNATORY_JOINED':
      return m.activity_signatory_joined({ organisation }, options);
    case 'MEMBER_JOINED':
      return m.activity_member_joined({ organisation, group: entry.workingGroupName ?? '' }, options);
    case 'PLEDGE_ACCEPTED':
      return m.activity_pledge_accepted({ organisation }, options);
    case 'DECLARATION_PUBLISHED':
      return m.activity_declaration_published({ title, version: String(entry.declarationVersion ?? '') }, options);
  }
}

/** The details under the sentence: the group, the taskholder, the organisation that acted. */
export function activityDetails(
  entry: ActivityEntry,
  { showGroup }: { showGroup: boolean },
  locale?: Locale,
): string[] {
  const options = locale ? { locale } : {};
  const details: string[] = [];
  if (showGroup && entry.workingGroupName && entry.kind !== 'MEMBER_JOINED') {
    details.push(m.activity_in_group({ group: entry.workingGroupName }, options));
  }
  const isCommitment = entry.kind === 'COMMITMENT_RECORDED' || entry.kind === 'COMMITMENT_STATUS_CHANGED';
  if (isCommitment && entry.organisationName) {
    details.push(m.activity_taskholder({ organisation: entry.organisationName }, options));
  }
  if (entry.byOrganisationName && entry.byOrganisationName !== entry.organisationName) {
    details.push(m.activity_by({ organisation: entry.byOrganisationName }, options));
  }
  return details;
}

/** The page an entry is about, within the alliance (no language prefix: the caller adds it). */
export function activityHref(allianceSlug: string, entry: ActivityEntry): string {
  const alliance = `/alliances/${allianceSlug}`;
  switch (entry.kind) {
    case 'MEETING_SCHEDULED':
    case 'MEETING_CANCELLED':
      return `${alliance}/meetings/${entry.subjectId}`;
    case 'MINUTES_PUBLISHED':
      return `${alliance}/meetings/${entry.subjectId}#minutes-heading`;
    case 'COMMENT_PUBLISHED':
    case 'COMMENT_ANSWERED':
      return `${alliance}/meetings/${entry.meetingId}#comment-${entry.subjectId}`;
    case 'COMMITMENT_RECORDED':
    case 'COMMITMENT_STATUS_CHANGED':
      return `${alliance}/commitments/${entry.subjectId}`;
    case 'SIGNATORY_JOINED':
      return `${alliance}/signatories/${entry.organisationId}`;
    case 'MEMBER_JOINED':
      return `${alliance}/working-groups/${entry.workingGroupSlug}`;
    case 'PLEDGE_ACCEPTED':
      return `${alliance}/pledges/${entry.subjectId}`;
    case 'DECLARATION_PUBLISHED':
      return `${alliance}/declaration`;
  }
}

/**
 * The feed's language: `?lang=` when it names one of the portal's, else the address's (`/fr/…`), else the
 * alliance's main language when the portal speaks it, else the portal's base language.
 */
export function feedLocale(asked: string | null, fromPath: Locale | undefined, allianceLanguages: string[]): Locale {
  if (isLocale(asked)) return asked;
  if (fromPath) return fromPath;
  return allianceLanguages.find(isLocale) ?? baseLocale;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export interface AtomFeed {
  /** The public origin (`https://concord.example.org`): ids and links are absolute. */
  origin: string;
  allianceSlug: string;
  allianceName: string;
  group: { slug: string; name: string } | null;
  locale: Locale;
  entries: ActivityEntry[];
  /** Used as the feed's `updated` when it has no entry. */
  now: Date;
}

/**
 * Tag URIs (RFC 4151) for the feed and its entries: an entry's id is its audit event's number, so it stays the
 * same in the alliance's feed and its group's, in every language, and across restarts.
 */
export const tagOf = (origin: string, path: string) => `tag:${new URL(origin).hostname},2026:${path}`;

/** The activity as an Atom feed (RFC 4287). */
export function renderAtom(feed: AtomFeed): string {
  const { origin, allianceSlug, group, locale } = feed;
  const path = activityPath(allianceSlug, group?.slug);
  const localePrefix = locale === baseLocale ? '' : `/${locale}`;
  const pageUrl = `${origin}${localePrefix}${path}`;
  const title = group
    ? m.activity_group_feed_title({ alliance: feed.allianceName, group: group.name }, { locale })
    : m.activity_feed_title({ alliance: feed.allianceName }, { locale });
  const updated = (feed.entries[0] ? new Date(feed.entries[0].at) : feed.now).toISOString();
  const entries = feed.entries.map((entry) => {
    const details = activityDetails(entry, { showGroup: group === null }, locale);
    const summary = details.length > 0 ? `\n    <summary>${escapeXml(details.join(' · '))}</summary>` : '';
    return `  <entry>
    <id>${tagOf(origin, `${allianceSlug}/activity/${entry.seq}`)}</id>
    <title>${escapeXml(activityTitle(entry, locale))}</title>
    <updated>${new Date(entry.at).toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(`${origin}${localePrefix}${activityHref(allianceSlug, entry)}`)}"/>
    <category term="${entry.kind.toLowerCase()}"/>${summary}
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${tagOf(origin, path.replace(/^\/alliances\//, ''))}</id>
  <title>${escapeXml(title)}</title>
  <updated>${updated}</updated>
  <author><name>${escapeXml(feed.allianceName)}</name></author>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${origin}${path}.atom?lang=${locale}`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(pageUrl)}"/>
  <generator>Concord</generator>
${entries.join('\n')}
</feed>
`;
}
