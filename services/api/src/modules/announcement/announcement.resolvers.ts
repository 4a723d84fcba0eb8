import type { GraphQLContext } from '../../graphql/context.ts';
import type { AnnouncementInput as AnnouncementInputArgs, Resolvers } from '../../graphql/resolvers.generated.ts';
import { checkFirst, toConnection } from '../../lib/pagination.ts';
import { can } from '../policy/policy.ts';
import { announcementCursor, listAnnouncements } from './announcement.reads.ts';
import type { AnnouncementInput } from './announcement-input.ts';
import { previewAnnouncement } from './use-cases/preview-announcement.ts';
import { sendAnnouncement } from './use-cases/send-announcement.ts';

const toInput = (input: AnnouncementInputArgs): AnnouncementInput => ({
  title: input.title,
  body: input.body,
  segment: {
    kind: input.segment.kind,
    workingGroupSlug: input.segment.workingGroupSlug,
    country: input.segment.country,
    organisationKind: input.segment.organisationKind,
  },
});

async function deps(context: GraphQLContext) {
  return { db: context.db, jobs: context.jobs, config: context.config, actor: await context.actor() };
}

/** Announcements: the public list, the secretariat's preview and send. */
export const announcementResolvers: Resolvers = {
  Query: {
    previewAnnouncement: async (_root, { allianceSlug, input }, context) =>
      previewAnnouncement({ ...(await deps(context)), allianceSlug, input: toInput(input) }),
  },
  Mutation: {
    sendAnnouncement: async (_root, { allianceSlug, input, requestKey }, context) =>
      sendAnnouncement({ ...(await deps(context)), allianceSlug, input: toInput(input), requestKey }),
  },
  Alliance: {
    announcements: async (alliance, { first, after }, { db }) => {
      const page = await listAnnouncements(db, alliance.id, { first: checkFirst(first, 20), after });
      return toConnection(page, announcementCursor, Boolean(after));
    },
    viewerCanAnnounce: async (alliance, _args, context) =>
      can(await context.actor(), { action: 'announcement.send', allianceId: alliance.id }),
  },
  Announcement: {
    id: (view) => view.row.id,
    title: (view) => view.row.title,
    body: (view) => view.row.body,
    sentAt: (view) => view.row.sentAt,
    segment: (view) => view.segment,
    recipientCount: async (view, _args, context) =>
      can(await context.actor(), { action: 'announcement.send', allianceId: view.row.allianceId })
        ? view.row.recipientCount
        : null,
  },
};
