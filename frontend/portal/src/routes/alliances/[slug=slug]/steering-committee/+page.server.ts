import { fail, redirect } from '@sveltejs/kit';
import {
  AppointSteeringCommitteeMemberDocument,
  RemoveSteeringCommitteeMemberDocument,
  SteeringCommitteeCandidatesDocument,
  SteeringCommitteePageDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { holderProblems, readHolder } from '$lib/server/holder-choice';
import { viewerRolesOf } from '$lib/server/meeting-viewer';
import type { Actions, PageServerLoad } from './$types';

/**
 * An alliance's steering committee (docs/adr/0035): the list for everyone; for the secretariat, the form that
 * appoints (one choice of person among the API's candidates), a remove button per member, and the seats kept that do
 * not count at present (their organisation withdrew, or their person left it), each with why and a remove button.
 */
export const load: PageServerLoad = async ({ fetch, params, locals, url }) => {
  const [{ alliance }, { isSecretariat }] = await Promise.all([
    execute(fetch, SteeringCommitteePageDocument, { slug: params.slug }),
    viewerRolesOf(locals, params.slug),
  ]);
  const { steeringCommitteeCandidates: candidates, pausedSteeringCommitteeSeats: paused } = isSecretariat
    ? (await execute(fetch, SteeringCommitteeCandidatesDocument, { slug: params.slug })).alliance
    : { steeringCommitteeCandidates: [], pausedSteeringCommitteeSeats: [] };
  return {
    alliance,
    isSecretariat,
    candidates,
    paused,
    appointed: url.searchParams.get('appointed'),
    removed: url.searchParams.get('removed') === '1',
  };
};

export const actions: Actions = {
  appoint: async ({ request: post, fetch, url }) => {
    const data = await post.formData();
    const { holder, organisationId, personId } = readHolder(data);
    const role = formText(data, 'role') === 'CHAIR' ? 'CHAIR' : 'MEMBER';
    if (!organisationId || !personId) {
      return fail(400, {
        action: 'appoint' as const,
        holder,
        role,
        fieldErrors: { holder: m.steering_appoint_person_required() },
        formError: null,
      });
    }
    const result = await request(fetch, AppointSteeringCommitteeMemberDocument, {
      allianceId: formText(data, 'allianceId'),
      organisationId,
      personId,
      role,
    });
    if (result.errors) {
      const problems = holderProblems(result.errors, url.pathname);
      return fail(problems.formError ? 409 : 400, { action: 'appoint' as const, holder, role, ...problems });
    }
    redirect(303, `${url.pathname}?appointed=${encodeURIComponent(result.data.appointSteeringCommitteeMember.name)}`);
  },
  remove: async ({ request: post, fetch, url }) => {
    const result = await request(fetch, RemoveSteeringCommitteeMemberDocument, {
      id: formText(await post.formData(), 'id'),
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(409, { action: 'remove' as const, ...problems });
    }
    redirect(303, `${url.pathname}?removed=1`);
  },
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
