import { badInput } from '../errors.ts';

/** Trims and checks a required text field; the field path goes into the error. */
export function requiredText(value: string, field: string, { max, min = 1 }: { max: number; min?: number }): string {
  const text = value.trim();
  if (text.length < min) throw badInput(field, 'This field is required.');
  if (text.length > max) throw badInput(field, `At most ${max} characters.`);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, { max }: { max: number }): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(value, field, { max });
}

// Deliberately simple: one @, something on both sides, a dot in the domain. The link we send is the real check.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;

export function emailAddress(value: string, field = 'email'): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email))
    throw badInput(field, 'Enter an e-mail address such as name@example.org.');
  return email;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else names no object, and must not reach PostgreSQL as a failing cast. */
export const isUuid = (value: string): boolean => UUID.test(value);
