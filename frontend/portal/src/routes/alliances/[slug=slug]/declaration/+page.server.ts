import { error } from '@sveltejs/kit';
import { chooseText } from '$lib/declaration-texts';
import { DeclarationVersionsDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;

/**
 * Every published version of the declaration; `?version=N` reads an earlier one, the one in force by default; `?text=`
 * one of its texts (the authentic one or a translation), the reader's language's by default (docs/adr/0029).
 */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const { alliance } = await execute(fetch, DeclarationVersionsDocument, { slug: params.slug });
  const asked = url.searchParams.get('version');
  if (asked !== null && !/^\d{1,4}$/.test(asked)) {
    error(400, { message: m.error_not_found(), code: 'BAD_USER_INPUT', field: 'version' });
  }
  const versions = alliance.declarationVersions;
  const shown = asked === null ? versions[0] : versions.find((v) => v.version === Number(asked));
  // A draft's number, or one never used, is not a page: the same 404 either way.
  if (asked !== null && !shown) error(404, { message: m.error_not_found(), code: 'NOT_FOUND' });
  const text = shown ? chooseText(shown, url.searchParams.get('text'), getLocale()) : null;
  return { declarationPage: alliance, shown: shown ?? null, text, asked };
};
