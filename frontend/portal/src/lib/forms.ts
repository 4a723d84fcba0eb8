/**
 * What a form action hands back to its page when it refuses the input: the values as typed (so nothing is
 * lost), one message per field, and a message for the form as a whole. The GOV.UK pattern: a summary at the
 * top that links to each field, and each message beside its field.
 */

export type FieldErrors = Partial<Record<string, string>>;

export interface SummaryItem {
  /** The id of the control the summary links to. */
  href: string;
  message: string;
}

/** The summary's items, in the order the fields appear on the page. */
export function summaryItems(
  errors: FieldErrors | undefined,
  order: readonly string[],
  idOf: (field: string) => string,
): SummaryItem[] {
  if (!errors) return [];
  const fields = [...order, ...Object.keys(errors).filter((field) => !order.includes(field))];
  return fields.flatMap((field) => {
    const message = errors[field];
    return message ? [{ href: `#${idOf(field)}`, message }] : [];
  });
}
