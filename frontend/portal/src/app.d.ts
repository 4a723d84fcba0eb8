import type { AllianceShellQuery, MeQuery } from '$lib/graphql/operations.generated';

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
    interface Locals {
      /** The request's id (X-Request-Id), the same in the API's log lines for the calls made for it. */
      requestId: string;
      /** A session cookie came with the request (it may have expired: only `me()` knows). */
      hasSession: boolean;
      /** The signed-in person, asked of the API on the first call and kept for the request. */
      me(): Promise<NonNullable<MeQuery['me']> | null>;
    }
    interface PageData {
      /** Set by the alliance layout; the site header shows the alliance's name and navigation. */
      alliance?: AllianceShellQuery['alliance'];
      /** Set by the root layout from the cookie alone: the header offers "Sign in" or the account. */
      hasSession?: boolean;
      /** Set by pages that loaded the signed-in person; the header then shows their name. */
      person?: { name: string } | null;
    }
  }
}
