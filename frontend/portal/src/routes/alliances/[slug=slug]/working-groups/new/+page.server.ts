import { fail, redirect } from '@sveltejs/kit';
import { CreateWorkingGroupDocument } from '$lib/graphql/operations.generated';
import { request } from '$lib/server/graphql';
import { readWorkingGroupForm, requireSecretariat, workingGroupProblems } from '$lib/server/working-group-form';
import { emptyWorkingGroup } from '$lib/working-group-form';
import type { Actions, PageServerLoad } from './$types';

/** The secretariat creates a working group; anyone else gets the 403 the API implies. */
export const load: PageServerLoad = async (event) => {
  await requireSecretariat(event);
  return { values: emptyWorkingGroup };
};

export const actions: Actions = {
  default: async ({ request: post, fetch, url, params }) => {
    const { values, input, fieldErrors } = readWorkingGroupForm(await post.formData());
    if (!input) return fail(400, { values, fieldErrors, formError: null });
    const result = await request(fetch, CreateWorkingGroupDocument, { slug: params.slug, input });
    if (result.errors) {
      const problems = workingGroupProblems(result.errors, url);
      return fail(problems.formError ? 409 : 400, { values, ...problems });
    }
    redirect(303, `/alliances/${params.slug}/working-groups/${result.data.createWorkingGroup.slug}?saved=created`);
  },
};

// Rendered by the server alone; the form is an ordinary post (docs/adr/0028).
export const csr = false;
