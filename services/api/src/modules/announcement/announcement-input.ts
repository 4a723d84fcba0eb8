import type { schema } from '@concord/db';
import { badInput } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';

/** An announcement as the secretariat writes it, before anything is looked up. */
export interface AnnouncementInput {
  title: string;
  body: string;
  segment: {
    kind: schema.AnnouncementSegment;
    workingGroupSlug?: string | null | undefined;
    country?: string | null | undefined;
    organisationKind?: schema.OrganisationKind | null | undefined;
  };
}

export type ParsedSegment =
  | { kind: 'all_signatories' | 'not_reported' | 'not_resigned' }
  | { kind: 'working_group'; workingGroupSlug: string }
  | { kind: 'country'; country: string }
  | { kind: 'organisation_kind'; organisationKind: schema.OrganisationKind };

export interface ParsedAnnouncement {
  title: string;
  body: string;
  segment: ParsedSegment;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 20_000;

/**
 * Checks the text (the API's one text rule; the body is Markdown, rendered by construction wherever it is shown) and
 * that the segment names what its kind needs and nothing else: a mistake is reported on the field at fault.
 */
export function parseAnnouncementInput(input: AnnouncementInput): ParsedAnnouncement {
  const title = requiredText(input.title, 'input.title', { max: TITLE_MAX });
  const body = requiredText(input.body, 'input.body', { max: BODY_MAX, isMultiline: true });
  const { kind, workingGroupSlug, country, organisationKind } = input.segment;
  const given = { workingGroupSlug, country, organisationKind };
  const needs: Record<schema.AnnouncementSegment, keyof typeof given | null> = {
    all_signatories: null,
    working_group: 'workingGroupSlug',
    country: 'country',
    organisation_kind: 'organisationKind',
    not_reported: null,
    not_resigned: null,
  };
  const needed = needs[kind];
  for (const [name, value] of Object.entries(given)) {
    if (name !== needed && value != null && value !== '') {
      throw badInput(`input.segment.${name}`, `Leave this out for the segment ${kind}.`);
    }
  }
  if (needed !== null && (given[needed] == null || given[needed] === '')) {
    throw badInput(`input.segment.${needed}`, 'Choose one for this segment.');
  }
  const segment: ParsedSegment =
    kind === 'working_group'
      ? { kind, workingGroupSlug: requiredText(workingGroupSlug, 'input.segment.workingGroupSlug', { max: 100 }) }
      : kind === 'country'
        ? { kind, country: country ?? '' }
        : kind === 'organisation_kind'
          ? { kind, organisationKind: organisationKind as schema.OrganisationKind }
          : { kind };
  return { title, body, segment };
}
