/** The signing form's fields, in page order, and its values as typed. */
export const signFields = ['organisationId', 'signerName', 'signerJobTitle', 'hasRead'] as const;

export interface SignValues {
  organisationId: string;
  signerName: string;
  signerJobTitle: string;
  hasRead: boolean;
}
