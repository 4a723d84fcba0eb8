import type { FieldErrors } from '$lib/forms';

/** The fields of the one-step re-signing form on the account page. */
export const resignFields = ['signerName', 'signerJobTitle'] as const;

/** What the resign action hands back when it refused. */
export interface ResignForm {
  signatureId: string;
  values: { signerName: string; signerJobTitle: string };
  fieldErrors: FieldErrors;
  formError: string | null;
}

/** The version in force of a signature's alliance, as the account page reads it. */
export interface VersionInForce {
  version: number;
  title: string;
  textSha256: string;
}
