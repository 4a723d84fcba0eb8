import type { FieldErrors } from '$lib/forms';

/** What a refused decision on a report hands back to the item it was made on. */
export interface DecisionForm {
  action: 'validate' | 'query' | 'reopen';
  id: string;
  /** The question or reason as typed. */
  message: string;
  fieldErrors: FieldErrors;
  formError: string | null;
}
