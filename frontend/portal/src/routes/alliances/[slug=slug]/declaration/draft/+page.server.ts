import { error, fail, redirect } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms';
import {
  DeclarationDraftPageDocument,
  DiscardDeclarationDraftDocument,
  PublishDeclarationVersionDocument,
  RemoveDeclarationTranslationDocument,
  SaveDeclarationDraftDocument,
  SaveDeclarationTranslationDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

const draftFields = ['title', 'language', 'text'] as const;
const translationFields = ['language', 'title', 'text'] as const;

/**
 * The secretariat's page for the declaration's next version: the draft (started from the version in force), how it
 * reads, what it changes, and publishing it. Anyone else gets the 403 the API's answer implies.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const { alliance } = await execute(event.fetch, DeclarationDraftPageDocument, { slug: event.params.slug });
  if (!alliance.secretariatMembers) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  const source = alliance.declarationDraft ?? alliance.declaration;
  const query = event.url.searchParams;
  return {
    draftPage: alliance,
    values: {
      title: source?.title ?? '',
      text: source?.text ?? '',
      language: source?.language ?? alliance.languages[0] ?? 'en',
    },
    saved: query.get('saved') === '1',
    translated: query.get('translated'),
    translationRemoved: query.get('translationRemoved'),
    discarded: query.get('discarded') === '1',
    published: Number(query.get('published')) || null,
  };
};

const back = (url: URL, query: string) => redirect(303, `${url.pathname}?${query}`);

export const actions: Actions = {
  save: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const values = {
      title: formText(data, 'title'),
      text: String(data.get('text') ?? ''),
      language: formText(data, 'language'),
    };
    const fieldErrors: FieldErrors = {};
    if (!values.title) fieldErrors.title = m.declaration_draft_required_title();
    if (!values.text.trim()) fieldErrors.text = m.declaration_draft_required_text();
    if (Object.keys(fieldErrors).length > 0) return fail(400, { save: { values, fieldErrors, formError: null } });
    const result = await request(fetch, SaveDeclarationDraftDocument, { slug: params.slug, input: values });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { prefix: 'input.', fields: draftFields, returnTo: url.pathname });
      return fail(400, { save: { values, ...problems } });
    }
    back(url, 'saved=1');
  },

  publish: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const version = Number(formText(data, 'version'));
    const textSha256 = formText(data, 'textSha256');
    const result = await request(fetch, PublishDeclarationVersionDocument, { slug: params.slug, version, textSha256 });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { publish: problems });
    }
    back(url, `published=${result.data.publishDeclarationVersion.version}`);
  },

  /** A translation of the draft (saved again: replaced) or of the version in force (then final). */
  translate: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const version = Number(formText(data, 'version'));
    const values = {
      language: formText(data, 'language'),
      title: formText(data, 'title'),
      text: String(data.get('text') ?? ''),
    };
    const fieldErrors: FieldErrors = {};
    if (!values.language) fieldErrors.language = m.declaration_translation_required_language();
    if (!values.title) fieldErrors.title = m.declaration_translation_required_title();
    if (!values.text.trim()) fieldErrors.text = m.declaration_translation_required_text();
    if (Object.keys(fieldErrors).length > 0) {
      return fail(400, { translate: { version, values, fieldErrors, formError: null } });
    }
    const result = await request(fetch, SaveDeclarationTranslationDocument, {
      slug: params.slug,
      version,
      input: values,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        prefix: 'input.',
        fields: translationFields,
        returnTo: url.pathname,
      });
      return fail(400, { translate: { version, values, ...problems } });
    }
    back(url, `translated=${encodeURIComponent(values.language)}`);
  },

  removeTranslation: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const version = Number(formText(data, 'version'));
    const language = formText(data, 'language');
    const result = await request(fetch, RemoveDeclarationTranslationDocument, { slug: params.slug, version, language });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { publish: problems });
    }
    back(url, `translationRemoved=${encodeURIComponent(language)}`);
  },

  discard: async ({ fetch, url, params }) => {
    const result = await request(fetch, DiscardDeclarationDraftDocument, { slug: params.slug });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { publish: problems });
    }
    back(url, 'discarded=1');
  },
};
