import { schema } from '@concord/db';
import { badInput } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';

export type WorkingGroupStatus = schema.WorkingGroup['status'];

export interface WorkingGroupInput {
  slug: string;
  name: string;
  kind: schema.WorkingGroupKind;
  mandate: string;
  /** Omitted or null: active for a new group, unchanged for an existing one. */
  status?: WorkingGroupStatus | null | undefined;
  relevantStages: schema.ValueChainStage[];
}

export interface WorkingGroupValues {
  slug: string;
  name: string;
  kind: schema.WorkingGroupKind;
  mandate: string;
  status: WorkingGroupStatus | undefined;
  relevantStages: schema.ValueChainStage[];
}

/** The same rule as the database's check `working_group_slug_format`, checked first for a clear message. */
export const WORKING_GROUP_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const WORKING_GROUP_SLUG_MAX = 60;
/** Addresses the portal uses beside a group's (`…/working-groups/new`): no group can have them. */
export const RESERVED_WORKING_GROUP_SLUGS: readonly string[] = ['new'];

/** Checks every field of a working group; errors name the field as `input.<field>`. */
export function parseWorkingGroupInput(input: WorkingGroupInput): WorkingGroupValues {
  const slug = requiredText(input.slug, 'input.slug', { max: WORKING_GROUP_SLUG_MAX });
  if (!WORKING_GROUP_SLUG.test(slug)) {
    throw badInput(
      'input.slug',
      'Use lower-case letters and digits, in words joined by single hyphens, such as design-for-recycling.',
    );
  }
  if (RESERVED_WORKING_GROUP_SLUGS.includes(slug)) {
    throw badInput('input.slug', `"${slug}" is an address the portal uses itself: choose another.`);
  }
  const name = requiredText(input.name, 'input.name', { max: 200, isName: true });
  const mandate = requiredText(input.mandate, 'input.mandate', { max: 4000, isMultiline: true });
  if (input.relevantStages.length === 0) {
    throw badInput('input.relevantStages', 'Choose at least one value-chain stage that the group’s topic touches.');
  }
  // Stored once each, in the value chain's order, whatever order the form sent them in.
  const chosen = new Set(input.relevantStages);
  const relevantStages = schema.valueChainStages.filter((stage) => chosen.has(stage));
  return { slug, name, kind: input.kind, mandate, status: input.status ?? undefined, relevantStages };
}
