import { fail } from '@sveltejs/kit';
import {
  GroupMeetingsDocument,
  JoinWorkingGroupDocument,
  LeaveWorkingGroupDocument,
  RemoveWorkingGroupMemberDocument,
  WorkingGroupPageDocument,
  WorkingGroupViewerDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { deleteSessionCookies } from '$lib/server/session';
import { viewerOf } from '$lib/working-group-viewer';
import type { Actions, PageServerLoad } from './$types';

/** A working group's page for everyone; what the signed-in person may do there is worked out beside it. */
export const load: PageServerLoad = async ({ fetch, params, url, locals, cookies }) => {
  const membersAfter = url.searchParams.get('after') || null;
  const [{ alliance }, viewerData, meetings] = await Promise.all([
    execute(fetch, WorkingGroupPageDocument, { slug: params.slug, group: params.group, membersAfter }),
    locals.hasSession ? execute(fetch, WorkingGroupViewerDocument, {}) : Promise.resolve(null),
    execute(fetch, GroupMeetingsDocument, { slug: params.slug, group: params.group }),
  ]);
  const group = alliance.workingGroup;
  const me = viewerData?.me ?? null;
  // The cookie outlived its session: forget it, so the header stops offering an account.
  if (locals.hasSession && !me) deleteSessionCookies(cookies);
  return {
    group,
    meetings: meetings.alliance.workingGroup.meetings.nodes,
    membersAfter,
    viewer: me ? viewerOf(me, { allianceSlug: params.slug, group }) : null,
    removeId: url.searchParams.get('remove'),
    ...(me ? { person: me.person } : {}),
  };
};

const returnTo = (url: URL) => url.pathname;

export const actions: Actions = {
  join: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const workingGroupId = formText(data, 'workingGroupId');
    const organisationId = formText(data, 'organisationId');
    const role = formText(data, 'role') === 'OBSERVER' ? 'OBSERVER' : 'MEMBER';
    if (!organisationId) {
      return fail(400, {
        action: 'join' as const,
        fieldErrors: { organisationId: m.wg_join_organisation_required() },
        formError: null,
      });
    }
    const result = await request(fetch, JoinWorkingGroupDocument, { workingGroupId, organisationId, role });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['organisationId'], returnTo: returnTo(url) });
      return fail(409, { action: 'join' as const, ...problems });
    }
    const joined = result.data.joinWorkingGroup;
    return { done: 'joined' as const, organisation: joined.organisation.legalName, role: joined.role };
  },
  leave: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const organisationId = formText(data, 'organisationId');
    const organisation = formText(data, 'organisationName');
    const result = await request(fetch, LeaveWorkingGroupDocument, {
      workingGroupId: formText(data, 'workingGroupId'),
      organisationId,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: returnTo(url) });
      return fail(409, { action: 'leave' as const, organisationId, ...problems });
    }
    return { done: 'left' as const, organisation };
  },
  remove: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const organisationId = formText(data, 'organisationId');
    const organisation = formText(data, 'organisationName');
    const reason = formText(data, 'reason');
    if (!reason) {
      return fail(400, {
        action: 'remove' as const,
        organisationId,
        reason,
        fieldErrors: { reason: m.wg_remove_reason_required() },
        formError: null,
      });
    }
    const result = await request(fetch, RemoveWorkingGroupMemberDocument, {
      workingGroupId: formText(data, 'workingGroupId'),
      organisationId,
      reason,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: ['reason'],
        returnTo: `${url.pathname}?remove=${encodeURIComponent(organisationId)}`,
      });
      return fail(problems.formError ? 409 : 400, { action: 'remove' as const, organisationId, reason, ...problems });
    }
    return { done: 'removed' as const, organisation };
  },
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
