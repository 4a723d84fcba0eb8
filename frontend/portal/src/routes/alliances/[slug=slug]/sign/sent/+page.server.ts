import { requireMe } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  return { person: me.person };
};
