import { error, fail, redirect } from '@sveltejs/kit';
import {
  ConfirmRegisterImportDocument,
  InviteImportedPeopleDocument,
  RegisterImportDocument,
  type RegisterImportFate,
  RegisterImportsDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import { uploadRegisterImport } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

const SHEETS = ['organisations', 'representatives', 'signatures', 'memberships', 'pledges', 'reports'] as const;
const FATES: readonly RegisterImportFate[] = ['NEW', 'MATCHED', 'UNCHANGED', 'ERROR'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The secretariat's register import: the template, the upload (whose answer is the dry run: every row's fate,
 * nothing written), then the confirmation. `?import=<id>` shows one dry run, `&fate=ERROR` only its refused rows.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const { slug } = event.params;
  const query = event.url.searchParams;
  const id = query.get('import');
  const fateParam = query.get('fate');
  const fate = FATES.find((f) => f === fateParam) ?? null;
  const { alliance } = await execute(event.fetch, RegisterImportsDocument, { slug });
  const current =
    id && UUID.test(id)
      ? (await execute(event.fetch, RegisterImportDocument, { slug, id, fate })).alliance.registerImport
      : null;
  if (id && !current) error(404, { message: m.error_not_found(), code: 'NOT_FOUND' });
  return {
    alliance: { slug: alliance.slug, name: alliance.name },
    imports: alliance.registerImports,
    current,
    fate,
    sheets: SHEETS,
    confirmed: query.get('confirmed') === '1',
    toInvite: alliance.importedPeopleToInvite,
    // How many the last invitation reached, as its redirect says.
    invited: /^\d{1,6}$/.test(query.get('invited') ?? '') ? Number(query.get('invited')) : null,
  };
};

/** The upload form's refusals by field: the file, or what a CSV file holds. */
type UploadErrors = Partial<Record<'file' | 'sheet', string>>;

export const actions: Actions = {
  upload: async (event) => {
    const data = await event.request.formData().catch(() => null);
    if (!data) {
      const fieldErrors: UploadErrors = { file: m.import_file_too_large() };
      return fail(413, { upload: { fieldErrors, formError: null, sheet: '' } });
    }
    const file = data.get('file');
    const sheet = String(data.get('sheet') ?? '');
    if (!(file instanceof File) || file.size === 0) {
      const fieldErrors: UploadErrors = { file: m.import_file_missing() };
      return fail(400, { upload: { fieldErrors, formError: null, sheet } });
    }
    const answer = await uploadRegisterImport(event, event.params.slug, file, sheet);
    if (!answer.ok) {
      const message = answer.message || m.import_upload_failed();
      const fieldErrors: UploadErrors = answer.field === 'sheet' ? { sheet: message } : { file: message };
      return fail(400, { upload: { fieldErrors, formError: null, sheet } });
    }
    redirect(303, `${event.url.pathname}?import=${answer.id}`);
  },

  confirm: async ({ request: post, fetch, url }) => {
    const id = String((await post.formData()).get('importId') ?? '');
    const result = await request(fetch, ConfirmRegisterImportDocument, { id });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { confirm: problems });
    }
    redirect(303, `${url.pathname}?import=${encodeURIComponent(id)}&confirmed=1`);
  },

  // Imports e-mail nobody: this sends each person they brought in, who never signed in, one invitation.
  invite: async ({ fetch, params, url }) => {
    const result = await request(fetch, InviteImportedPeopleDocument, { slug: params.slug });
    if (result.errors) {
      return fail(400, { invite: problemsFrom(result.errors, { fields: [], returnTo: url.pathname }) });
    }
    redirect(303, `${url.pathname}?invited=${result.data.inviteImportedPeople.invited}#invite-heading`);
  },
};
