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

/** Keeps the button disabled while the decision is sent, and the typed text when it comes back refused. */
export function sending(setSending: (value: boolean) => void) {
  return () => {
    setSending(true);
    return async ({ update }: { update: (options?: { reset?: boolean }) => Promise<void> }) => {
      await update({ reset: false });
      setSending(false);
    };
  };
}
