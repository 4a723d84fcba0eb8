import { emailAddress as checkEmail, type TextOptions, text } from '@concord/schema/values';
import { badInput } from '../errors.ts';

/**
 * The API's side of the one text rule (`text()` of @concord/schema/values): trims, refuses NUL, lone
 * surrogates, control characters, line breaks where the field is one line, direction overrides in names, and
 * counts characters as code points. The field path goes into the error.
 */
export type TextRule = Omit<TextOptions, 'isRequired'>;

export function requiredText(value: string | null | undefined, field: string, rule: TextRule): string {
  const checked = text(value, { ...rule, isRequired: true });
  if (!checked.ok) throw badInput(field, checked.message);
  if (checked.value === null) throw badInput(field, 'This field is required.');
  return checked.value;
}

export function optionalText(value: string | null | undefined, field: string, rule: TextRule): string | null {
  const checked = text(value, { ...rule, isRequired: false });
  if (!checked.ok) throw badInput(field, checked.message);
  return checked.value;
}

export function emailAddress(value: string, field = 'email'): string {
  const checked = checkEmail(value);
  if (!checked.ok || checked.value === null) {
    throw badInput(field, checked.ok ? 'Enter an e-mail address such as name@example.org.' : checked.message);
  }
  return checked.value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names no object, and must not reach PostgreSQL as a failing cast. */
export const isUuid = (value: string): boolean => UUID.test(value);
