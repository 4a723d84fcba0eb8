import { error, fail, redirect } from '@sveltejs/kit';
import {
  checkSettings,
  checkSubTarget,
  checkTarget,
  formFieldOf,
  readSettings,
  readSubTarget,
  readTarget,
  type SettingsValues,
  type SubTargetValues,
  settingsFields,
  subTargetFieldOf,
  subTargetFields,
  type TargetValues,
  targetFields,
} from '$lib/alliance-form';
import { allianceFieldErrors } from '$lib/alliance-form-messages';
import {
  AddSubTargetDocument,
  AllianceSettingsDocument,
  type AllianceSettingsQuery,
  AppointSecretariatMemberDocument,
  ChangeAllianceTargetDocument,
  ChangeSubTargetDocument,
  RemoveSecretariatMemberDocument,
  RemoveSubTargetDocument,
  UpdateAllianceDocument,
} from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { formText, problemsFrom } from '$lib/server/forms';
import { execute, request } from '$lib/server/graphql';
import { requireMe } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

type Alliance = AllianceSettingsQuery['alliance'];

/** The form's values as the alliance has them now. */
function settingsOf(alliance: Alliance): SettingsValues {
  const [mainLanguage = 'en', ...languages] = alliance.languages;
  return {
    name: alliance.name,
    purpose: alliance.purpose,
    contactEmail: alliance.contactEmail ?? '',
    opensOn: alliance.signingWindow.opensOn ?? '',
    closesOn: alliance.signingWindow.closesOn ?? '',
    mainLanguage,
    languages,
  };
}

function targetOf(alliance: Alliance): TargetValues {
  return {
    targetTonnes: alliance.target.tonnes,
    targetFlow: alliance.target.counts,
    targetYear: String(alliance.target.year),
    baselineYear: String(alliance.target.baselineYear),
    baselineTonnes: alliance.target.baselineTonnes ?? '',
  };
}

function subTargetOf(sub: Alliance['subTargets'][number]): SubTargetValues {
  return {
    label: sub.label,
    polymer: sub.polymer ?? '',
    sector: sub.sector ?? '',
    tonnes: sub.tonnes,
    year: String(sub.year),
  };
}

/**
 * The secretariat's settings page: the alliance's settings, its target and its members. Signed out: the log-in
 * page, and back. Signed in but not of the secretariat (the API answers no members): 403.
 */
export const load: PageServerLoad = async (event) => {
  await requireMe(event);
  const { alliance } = await execute(event.fetch, AllianceSettingsDocument, { slug: event.params.slug });
  const { secretariatMembers } = alliance;
  if (!secretariatMembers) error(403, { message: m.error_forbidden(), code: 'FORBIDDEN' });
  const query = event.url.searchParams;
  return {
    settings: alliance,
    secretariatMembers,
    settingsValues: settingsOf(alliance),
    targetValues: targetOf(alliance),
    subTargetValues: Object.fromEntries(alliance.subTargets.map((sub) => [sub.id, subTargetOf(sub)])),
    created: query.get('created') === '1',
    saved:
      ['settings', 'target', 'removed', 'subTargetAdded', 'subTargetChanged', 'subTargetRemoved'].find(
        (what) => query.get('saved') === what,
      ) ?? null,
    appointed: query.get('appointed'),
  };
};

const back = (url: URL, query: string) => redirect(303, `${url.pathname}?${query}`);

export const actions: Actions = {
  settings: async ({ request: post, fetch, url, params }) => {
    const values = readSettings(await post.formData());
    const { errors, input } = checkSettings(values);
    if (Object.keys(errors).length > 0)
      return fail(400, { settings: { values, fieldErrors: errors, formError: null } });
    const result = await request(fetch, UpdateAllianceDocument, { slug: params.slug, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: settingsFields,
        returnTo: url.pathname,
        fieldOf: formFieldOf,
      });
      return fail(400, { settings: { values, ...problems } });
    }
    back(url, 'saved=settings');
  },

  target: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const values = { ...readTarget(data), appliesFrom: formText(data, 'appliesFrom') };
    const { errors, target } = checkTarget(values);
    if (values.appliesFrom && !/^\d{4}-\d{2}-\d{2}$/.test(values.appliesFrom)) errors.appliesFrom = 'date_invalid';
    if (!target || Object.keys(errors).length > 0) {
      return fail(400, { target: { values, fieldErrors: allianceFieldErrors(errors), formError: null } });
    }
    const result = await request(fetch, ChangeAllianceTargetDocument, {
      slug: params.slug,
      target,
      appliesFrom: values.appliesFrom || null,
    });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: [...targetFields, 'appliesFrom'],
        returnTo: url.pathname,
        fieldOf: formFieldOf,
      });
      return fail(400, { target: { values, ...problems } });
    }
    back(url, 'saved=target');
  },

  /** A sub-target added (no id) or changed (its id): the form's own errors beside it, the API's too. */
  subTarget: async ({ request: post, fetch, url, params }) => {
    const data = await post.formData();
    const id = formText(data, 'id') || null;
    const values = readSubTarget(data);
    const { errors, input } = checkSubTarget(values);
    if (!input || Object.keys(errors).length > 0) {
      return fail(400, { subTarget: { id, values, fieldErrors: allianceFieldErrors(errors), formError: null } });
    }
    const result = id
      ? await request(fetch, ChangeSubTargetDocument, { id, input })
      : await request(fetch, AddSubTargetDocument, { slug: params.slug, input });
    if (result.errors) {
      const problems = problemsFrom(result.errors, {
        fields: subTargetFields,
        returnTo: url.pathname,
        fieldOf: subTargetFieldOf,
      });
      return fail(400, { subTarget: { id, values, ...problems } });
    }
    back(url, id ? 'saved=subTargetChanged' : 'saved=subTargetAdded');
  },

  removeSubTarget: async ({ request: post, fetch, url }) => {
    const id = formText(await post.formData(), 'id');
    const result = await request(fetch, RemoveSubTargetDocument, { id });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { removeSubTarget: { id, ...problems } });
    }
    back(url, 'saved=subTargetRemoved');
  },

  appoint: async ({ request: post, fetch, url, params }) => {
    const email = formText(await post.formData(), 'email');
    const result = await request(fetch, AppointSecretariatMemberDocument, { slug: params.slug, email });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['email'], returnTo: url.pathname, fieldOf: formFieldOf });
      return fail(400, { appoint: { values: { email }, ...problems } });
    }
    back(url, `appointed=${encodeURIComponent(email)}`);
  },

  remove: async ({ request: post, fetch, url, params }) => {
    const personId = formText(await post.formData(), 'personId');
    const result = await request(fetch, RemoveSecretariatMemberDocument, { slug: params.slug, personId });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: [], returnTo: url.pathname });
      return fail(400, { remove: { personId, ...problems } });
    }
    back(url, 'saved=removed');
  },
};
