import type { LiveRelay } from '../../graphql/live-events.ts';
import { PUBLIC_ACTIONS } from './activity.reads.ts';

export const activityAddedTopic = (allianceId: string) => `activity-added:${allianceId}`;

/** An audit event of a kind the public feed shows concerns the alliance's live feeds (its groups' ones too). */
export const activityRelay: LiveRelay = (notice) =>
  notice.allianceId && Object.hasOwn(PUBLIC_ACTIONS, notice.action)
    ? [{ topic: activityAddedTopic(notice.allianceId) }]
    : [];
