import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The API's e-mails to reviewers link here; the review queue lives at /pledge-review. */
export const load: PageServerLoad = ({ params, url }) => {
  redirect(308, `/alliances/${params.slug}/pledge-review${url.search}`);
};
