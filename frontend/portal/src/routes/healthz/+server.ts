import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Liveness of a portal run on its own (infra/: the portal's container and Deployment probe it). In the all-in-one
 * process the API's own /healthz answers first.
 */
export const GET: RequestHandler = () => json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
