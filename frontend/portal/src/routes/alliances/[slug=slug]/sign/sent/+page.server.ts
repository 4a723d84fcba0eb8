import { requireMe } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = await requireMe(event);
  return { person: me.person };
};

// Rendered by the server alone; its forms are ordinary posts (docs/adr/0028).
export const csr = false;
