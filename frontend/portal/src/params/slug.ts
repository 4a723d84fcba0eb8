import type { ParamMatcher } from '@sveltejs/kit';

/** Slugs are lower-case words joined by hyphens; anything else is a 404 without asking the API. */
export const match: ParamMatcher = (param) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(param);
