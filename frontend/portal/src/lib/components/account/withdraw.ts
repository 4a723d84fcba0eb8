import type { FieldErrors } from '$lib/forms';

/** What the withdraw action hands back when it refused. */
export interface WithdrawForm {
  id: string;
  reason: string;
  fieldErrors: FieldErrors;
  formError: string | null;
}
