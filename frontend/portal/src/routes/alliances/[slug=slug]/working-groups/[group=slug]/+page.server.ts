import { fail } from '@sveltejs/kit';
import {
  AppointChairDocument,
  GroupMeetingsDocument,
  JoinWorkingGroupDocument,
  LeaveWorkingGroupDocument,
  RemoveWorkingGroupMemberDocument,
  WorkingGroupChairCandidatesDocument,
  WorkingGroupPageDocument,
  WorkingGroupViewerDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { holderProblems, readHolder } from '$lib/server/holder-choice';
import { deleteSessionCookies } from '$lib/server/session';
import { viewerOf } from '$lib/working-group-viewer';
import type { Actions, PageServerLoad } from './$types';

/** A working group's page for everyone; what the signed-in person may do there is worked out beside it. */
export const load: PageServerLoad = async ({ fetch, params, url, locals, cookies }) => {
  const membersAfter = url.searchParams.get('after') || null;
  const [{ alliance }, viewerData, meetings] = await Promise.all([
    execute(fetch, WorkingGroupPageDocument, { slug: params.slug, group: params.group, membersAfter }),
    locals.hasSession
      ? execute(fetch, WorkingGroupViewerDocument, { slug: params.slug, group: params.group })
      : Promise.resolve(null),
    execute(fetch, GroupMeetingsDocument, { slug: params.slug, group: params.group }),
  ]);
  const group = alliance.workingGroup;
  const me = viewerData?.me ?? null;
  // The cookie outlived its session: forget it, so the header stops offering an account.
  if (locals.hasSession && !me) deleteSessionCookies(cookies);
  const holdsChair = viewerData?.alliance.workingGroup.viewerHoldsChair ?? false;
  const viewer = me ? viewerOf(me, { allianceSlug: params.slug, group, holdsChair }) : null;
  return {
    group,
    meetings: meetings.alliance.workingGroup.meetings.nodes,
    membersAfter,
    viewer,
    // The secretariat names chairs from the people of member organisations.
    chairCandidates:
      viewer?.isSecretariat && group.status === 'ACTIVE' ? await chairCandidates(fetch, params.slug, params.group) : [],
    removeId: url.searchParams.get('remove'),
    saved: ['created', 'changed'].find((what) => url.searchParams.get('saved') === what) ?? null,
    ...(me ? { person: me.person } : {}),
  };
};

const returnTo = (url: URL) => url.pathname;

/** Whom a chair can be named from, as the API says: every representative of every member organisation. */
async function chairCandidates(fetch: typeof globalThis.fetch, slug: string, group: string) {
  const { alliance } = await execute(fetch, WorkingGroupChairCandidatesDocument, { slug, group });
  return alliance.workingGroup.chairCandidates.map((c) => ({
    organisationId: c.organisationId,
    legalName: c.organisationName,
    personId: c.personId,
    name: c.name,
  }));
}

export const actions: Actions = {
  appointChair: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const { holder, organisationId, personId } = readHolder(data);
    const role = formText(data, 'role') === 'CHAIR' ? 'CHAIR' : 'CO_CHAIR';
    if (!organisationId || !personId) {
      return fail(400, {
        action: 'appointChair' as const,
        holder,
        role,
        fieldErrors: { holder: m.wg_appoint_person_required() },
        formError: null,
      });
    }
    const result = await request(fetch, AppointChairDocument, {
      workingGroupId: formText(data, 'workingGroupId'),
      organisationId,
      personId,
      role,
    });
    if (result.errors) {
      const problems = holderProblems(result.errors, returnTo(url));
      return fail(problems.formError ? 409 : 400, { action: 'appointChair' as const, holder, role, ...problems });
    }
    const appointed = result.data.appointChair;
    return {
      done: 'appointed' as const,
      organisation: appointed.organisation.legalName,
      name: appointed.chairName ?? '',
      role: appointed.role,
    };
  },
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
