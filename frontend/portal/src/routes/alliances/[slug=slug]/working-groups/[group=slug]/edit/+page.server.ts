import { fail, redirect } from '@sveltejs/kit';
import { UpdateWorkingGroupDocument, WorkingGroupEditDocument } from '$lib/graphql/operations.generated';
import { formText } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { readWorkingGroupForm, requireSecretariat, workingGroupProblems } from '$lib/server/working-group-form';
import type { Actions, PageServerLoad } from './$types';

/**
 * The secretariat changes a working group: its name, address, kind, mandate and stages, and archives it (CLOSED: it
 * takes no new members and holds no meetings; its history stays public) or opens it again.
 */
export const load: PageServerLoad = async (event) => {
  await requireSecretariat(event);
  const { alliance } = await execute(event.fetch, WorkingGroupEditDocument, {
    slug: event.params.slug,
    group: event.params.group,
  });
  const group = alliance.workingGroup;
  return {
    group,
    values: {
      name: group.name,
      slug: group.slug,
      kind: group.kind,
      mandate: group.mandate,
      relevantStages: group.relevantStages,
      status: group.status,
    },
  };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const { values, input, fieldErrors } = readWorkingGroupForm(data);
    if (!input) return fail(400, { values, fieldErrors, formError: null });
    const result = await request(fetch, UpdateWorkingGroupDocument, { id: formText(data, 'workingGroupId'), input });
    if (result.errors) {
      const problems = workingGroupProblems(result.errors, url);
      return fail(problems.formError ? 409 : 400, { values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/working-groups/${result.data.updateWorkingGroup.slug}?saved=changed`);
  },
};

// Rendered by the server alone; the form is an ordinary post (docs/adr/0028).
export const csr = false;
