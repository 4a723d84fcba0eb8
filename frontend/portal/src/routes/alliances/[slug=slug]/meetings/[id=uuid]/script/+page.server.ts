import { fail, redirect } from '@sveltejs/kit';
import {
  AddAgendaItemDocument,
  MoveAgendaItemDocument,
  RemoveAgendaItemDocument,
  UpdateAgendaItemDocument,
} from '$lib/graphql/operations.generated';
import { formText, problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { AGENDA_FIELDS, readAgendaForm } from '$lib/server/meeting-form';
import { loadManagedMeeting } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

/**
 * The script editor of the meeting's hosts: add an item (at the end or before another), change one, move it up or
 * down, remove it. Each a plain POST that comes back here; the API keeps the script contiguous.
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => ({
  ...(await loadManagedMeeting(fetch, params)),
  editing: url.searchParams.get('item'),
});

const back = (params: { slug: string; id: string }, anchor = 'script-heading') =>
  `/alliances/${params.slug}/meetings/${params.id}/script#${anchor}`;

const position = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : null);

export const actions: Actions = {
  add: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const { values, input, fieldErrors } = readAgendaForm(data);
    const at = position(formText(data, 'position'));
    if (!input) return fail(400, { action: 'add' as const, values, position: at, fieldErrors, formError: null });
    const result = await request(fetch, AddAgendaItemDocument, { meetingId: params.id, position: at, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { prefix: 'input.', fields: AGENDA_FIELDS, returnTo: url.pathname });
      return fail(400, { action: 'add' as const, values, position: at, ...problems });
    }
    redirect(303, back(params));
  },
  update: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const id = formText(data, 'id');
    const { values, input, fieldErrors } = readAgendaForm(data);
    if (!input) return fail(400, { action: 'update' as const, id, values, fieldErrors, formError: null });
    const result = await request(fetch, UpdateAgendaItemDocument, { id, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { prefix: 'input.', fields: AGENDA_FIELDS, returnTo: url.pathname });
      return fail(400, { action: 'update' as const, id, values, ...problems });
    }
    redirect(303, back(params));
  },
  move: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const id = formText(data, 'id');
    const to = position(formText(data, 'position'));
    const result = await request(fetch, MoveAgendaItemDocument, { id, position: to ?? -1 });
    if (result.errors) {
      return fail(400, {
        action: 'move' as const,
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    redirect(303, back(params, `item-${id}`));
  },
  remove: async ({ request: post, fetch, params, url }) => {
    const id = formText(await post.formData(), 'id');
    const result = await request(fetch, RemoveAgendaItemDocument, { id });
    if (result.errors) {
      return fail(400, {
        action: 'remove' as const,
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    redirect(303, back(params));
  },
};
