import { DevMailboxMessageDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
  const { devMailboxMessage } = await execute(fetch, DevMailboxMessageDocument, { id: params.id });
  return { message: devMailboxMessage };
};
