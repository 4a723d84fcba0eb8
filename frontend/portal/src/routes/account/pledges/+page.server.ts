import type { PageServerLoad } from './$types';

/** The organisations' pledges; `?organisation=` narrows the page to one of them. */
export const load: PageServerLoad = async ({ parent, url }) => {
  const { account } = await parent();
  const chosen = url.searchParams.get('organisation');
  const organisations = account.organisations.filter((o) => !chosen || o.organisation.id === chosen);
  return { organisations: organisations.length > 0 ? organisations : account.organisations, chosen };
};
