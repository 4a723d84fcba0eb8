import type { AllianceShellQuery } from '$lib/graphql/operations.generated';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** The API's `extensions.code` when the API refused the request (BAD_USER_INPUT, NOT_FOUND, …). */
      code?: string;
      /** For BAD_USER_INPUT: the argument at fault, as the API names it (`filter.country`, `after`). */
      field?: string;
    }
    interface PageData {
      /** Set by the alliance layout; the site header shows the alliance's name and navigation. */
      alliance?: AllianceShellQuery['alliance'];
    }
  }
}

export {};
