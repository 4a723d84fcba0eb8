import type { AnnouncementSegmentFieldsFragment, AnnouncementSegmentKind } from '$lib/graphql/operations.generated';
import * as t from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

/** The segments in the order the form offers them, each with its choice's label. */
export const segmentChoices: { value: AnnouncementSegmentKind; label: () => string }[] = [
  { value: 'ALL_SIGNATORIES', label: m.announcement_option_all },
  { value: 'WORKING_GROUP', label: m.announcement_option_working_group },
  { value: 'COUNTRY', label: m.announcement_option_country },
  { value: 'ORGANISATION_KIND', label: m.announcement_option_kind },
  { value: 'NOT_REPORTED', label: m.announcement_option_not_reported },
  { value: 'NOT_RESIGNED', label: m.announcement_option_not_resigned },
];

export const isSegmentKind = (value: string): value is AnnouncementSegmentKind =>
  segmentChoices.some((choice) => choice.value === value);

/** Who an announcement went to, in words: "To the signatories in France". */
export function segmentLabel(segment: AnnouncementSegmentFieldsFragment): string {
  switch (segment.kind) {
    case 'WORKING_GROUP':
      return m.announcement_segment_working_group({ group: segment.workingGroup?.name ?? '' });
    case 'COUNTRY':
      return m.announcement_segment_country({ country: segment.country ? t.country(segment.country) : '' });
    case 'ORGANISATION_KIND':
      return m.announcement_segment_kind({
        kind: segment.organisationKind ? t.organisationKind(segment.organisationKind) : '',
      });
    case 'NOT_REPORTED':
      return m.announcement_segment_not_reported({ year: String(segment.campaignYear ?? '') });
    case 'NOT_RESIGNED':
      return m.announcement_segment_not_resigned({ version: String(segment.declarationVersion ?? '') });
    default:
      return m.announcement_segment_all();
  }
}
