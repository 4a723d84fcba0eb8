import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** `/alliances` is where people look for the list, which lives on the start page. */
export const GET: RequestHandler = () => redirect(308, '/');
