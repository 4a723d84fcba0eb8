import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Readiness of a portal run on its own: it answers as soon as it serves, without asking the API. A portal whose API
 * is away already answers its pages with a calm 503 of its own; taking every portal replica out of the load
 * balancer for it would show the proxy's bare error instead, and restarting them would mend nothing.
 */
export const GET: RequestHandler = () => json({ status: 'ready' }, { headers: { 'cache-control': 'no-store' } });
