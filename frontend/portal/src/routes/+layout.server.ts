import type { LayoutServerLoad } from './$types';

/** Only the cookie's presence: the header must not cost public pages a query. */
export const load: LayoutServerLoad = ({ locals }) => ({ hasSession: locals.hasSession });
