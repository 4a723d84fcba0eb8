import type { Reroute } from '@sveltejs/kit';
import { delocalizePath } from '$lib/locale-path';
import '$lib/locale-strategy';

/** `/fr/alliances/x` is the page `/alliances/x` in French: the routes know no language prefix (ADR 0019). */
export const reroute: Reroute = ({ url }) => delocalizePath(url.pathname);
