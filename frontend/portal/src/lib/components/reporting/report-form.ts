import type { FieldErrors } from '$lib/forms';

export const submitFields = ['tonnesAchieved', 'evidenceScheme', 'certificateNumber', 'auditor'] as const;
export const answerFields = ['answer', 'tonnesAchieved'] as const;
/** The file control of the submit form and of the evidence form (not a text: not among `values`). */
export const evidenceField = 'evidence';

/** The fields of each form, in page order: the error summary links to them. */
export const formFields = {
  submit: [...submitFields, evidenceField],
  answer: answerFields,
  evidence: [evidenceField],
} as const;

/** What a refused report or answer hands back to its pledge: the values as typed and the messages. */
export interface ReportRefusal {
  action: 'submit' | 'answer' | 'evidence';
  pledgeId: string;
  values: Partial<Record<(typeof submitFields)[number] | (typeof answerFields)[number], string>>;
  fieldErrors: FieldErrors;
  formError: string | null;
}

/** The id of a report form's control, for its label and for the error summary's link. */
export const reportFieldId = (pledgeId: string, action: ReportRefusal['action'], field: string) =>
  `${action}-${pledgeId}-${field}`;
