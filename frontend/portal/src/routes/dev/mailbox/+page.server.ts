import { DevMailboxDocument } from '$lib/graphql/operations.generated';
import { execute } from '$lib/server/graphql';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

/** The API answers NOT_FOUND outside development (or with a mail server): then this page is a 404 too. */
export const load: PageServerLoad = async ({ fetch, url, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  const to = url.searchParams.get('to')?.trim() ?? '';
  const after = url.searchParams.get('after') || null;
  const { devMailbox } = await execute(fetch, DevMailboxDocument, { first: PAGE_SIZE, after, to: to || null });
  return { to, after, mailbox: devMailbox };
};
