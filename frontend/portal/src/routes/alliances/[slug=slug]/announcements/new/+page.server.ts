import { randomUUID } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { isSegmentKind } from '$lib/announcement-labels';
import { isOrganisationKind } from '$lib/domain';
import type { FieldErrors } from '$lib/forms';
import {
  AnnouncementFormDocument,
  type AnnouncementInput,
  PreviewAnnouncementDocument,
  SendAnnouncementDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** The form's fields, in page order; the API's `input.segment.<x>` goes beside `<x>`. */
const FIELDS = ['title', 'body', 'kind', 'workingGroupSlug', 'country', 'organisationKind'] as const;
export type AnnouncementValues = Record<(typeof FIELDS)[number], string>;

/**
 * The secretariat writes an announcement, previews it (how it reads and how many people it reaches: nothing is
 * written) and sends it. Plain POST forms: the preview hands back the values and a request key, which the send form
 * carries, so a second click of the same form sends nothing more. Anyone else gets the 403 the API implies.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const { alliance } = await execute(event.fetch, AnnouncementFormDocument, { slug: event.params.slug });
  if (!alliance.viewerCanAnnounce) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  return { form: alliance };
};

function readForm(data: FormData): {
  values: AnnouncementValues;
  input: AnnouncementInput | null;
  fieldErrors: FieldErrors;
} {
  const values = Object.fromEntries(
    FIELDS.map((f) => [f, f === 'body' ? String(data.get(f) ?? '') : formText(data, f)]),
  ) as AnnouncementValues;
  const fieldErrors: FieldErrors = {};
  if (!values.title) fieldErrors.title = m.announcement_required_title();
  if (!values.body.trim()) fieldErrors.body = m.announcement_required_body();
  const kind = isSegmentKind(values.kind) ? values.kind : null;
  if (!kind) fieldErrors.kind = m.announcement_required_segment();
  // Only the choice the segment needs goes to the API: the others' selects may hold an earlier choice.
  if (kind === 'WORKING_GROUP' && !values.workingGroupSlug)
    fieldErrors.workingGroupSlug = m.announcement_required_group();
  if (kind === 'COUNTRY' && !values.country) fieldErrors.country = m.announcement_required_country();
  if (kind === 'ORGANISATION_KIND' && !isOrganisationKind(values.organisationKind)) {
    fieldErrors.organisationKind = m.announcement_required_kind();
  }
  if (!kind || Object.keys(fieldErrors).length > 0) return { values, input: null, fieldErrors };
  const input: AnnouncementInput = {
    title: values.title,
    body: values.body,
    segment: {
      kind,
      ...(kind === 'WORKING_GROUP' ? { workingGroupSlug: values.workingGroupSlug } : {}),
      ...(kind === 'COUNTRY' ? { country: values.country } : {}),
      ...(kind === 'ORGANISATION_KIND' && isOrganisationKind(values.organisationKind)
        ? { organisationKind: values.organisationKind }
        : {}),
    },
  };
  return { values, input, fieldErrors };
}

const fieldOf = (apiField: string | undefined) => {
  const field = apiField?.replace(/^input\.(segment\.)?/, '');
  return field === 'kind' ? 'kind' : field;
};

export const actions: Actions = {
  preview: async ({ request: post, fetch, params, url }) => {
    const { values, input, fieldErrors } = readForm(await post.formData());
    if (!input) return fail(400, { values, fieldErrors, formError: null });
    const result = await request(fetch, PreviewAnnouncementDocument, { slug: params.slug, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: FIELDS, fieldOf, returnTo: url.pathname });
      return fail(400, { values, ...problems });
    }
    return { values, preview: result.data.previewAnnouncement, requestKey: randomUUID() };
  },

  send: async ({ request: post, fetch, params, url }) => {
    const data = await post.formData();
    const { values, input, fieldErrors } = readForm(data);
    if (!input) return fail(400, { values, fieldErrors, formError: null });
    const requestKey = formText(data, 'requestKey');
    const result = await request(fetch, SendAnnouncementDocument, { slug: params.slug, input, requestKey });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: FIELDS, fieldOf, returnTo: url.pathname });
      return fail(400, { values, ...problems });
    }
    const id = result.data.sendAnnouncement.id;
    redirect(303, `/alliances/${params.slug}/announcements?sent=1#announcement-${id}`);
  },
};
