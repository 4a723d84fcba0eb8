import { AllianceMeetingsDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import { viewerRolesOf } from '$lib/server/meeting-viewer';
import type { PageServerLoad } from './$types';

// A page one only reads: no script (docs/adr/0025-reading-pages-without-javascript.md).
export const csr = false;

/** The alliance's meetings, every group's and the plenaries; the secretariat is offered to schedule a plenary. */
export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const after = url.searchParams.get('after') || null;
  const [{ alliance }, roles] = await Promise.all([
    execute(fetch, AllianceMeetingsDocument, { slug: params.slug, after }),
    viewerRolesOf(locals, params.slug),
  ]);
  return { meetings: alliance.meetings, after, isSecretariat: roles.isSecretariat };
};
