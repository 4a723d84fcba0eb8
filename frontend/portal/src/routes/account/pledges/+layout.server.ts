import { redirect } from '@sveltejs/kit';
import { AccountPledgesDocument } from '$lib/graphql/operations.generated';
import { loginHref } from '$lib/paths';
import { execute } from '$lib/server/graphql';
import { pledgeTargets, requireAccount } from '$lib/server/pledge-account';
import type { LayoutServerLoad } from './$types';

/** Every page here is about the signed-in person's organisations and their pledges: loaded once, here. */
export const load: LayoutServerLoad = async (event) => {
  if (!event.locals.hasSession) redirect(303, loginHref(event.url.pathname + event.url.search));
  const { me, alliances } = await execute(event.fetch, AccountPledgesDocument, {});
  const account = requireAccount(event, me);
  return {
    account,
    person: account.person,
    alliances: alliances.nodes,
    targets: pledgeTargets(account),
  };
};
