/**
 * The one rule for text that people type into Concord: a name, a reason, a mandate, a search. Every text
 * input of the API goes through `text()` with the options of its field; the portal may use the same rule to
 * answer before a round trip.
 */

export interface TextOptions {
  /** Most characters (code points, as people count them: an emoji is one, not two UTF-16 units). */
  max: number;
  /** Fewest characters once trimmed; 1 by default for a required field. */
  min?: number;
  /** Required: empty or missing is refused. Otherwise it answers null. */
  isRequired?: boolean;
  /** Line breaks (and tabs) allowed: a mandate, a reason, conditions. Single-line fields refuse them. */
  isMultiline?: boolean;
  /**
   * A name shown to others (an organisation, a person, a group): Unicode direction overrides and isolates
   * are refused, as they can make a name read as something else ("Trojan Source").
   */
  isName?: boolean;
}

export type TextProblem =
  | 'required'
  | 'nul'
  | 'surrogate'
  | 'control'
  | 'line_break'
  | 'bidi'
  | 'too_short'
  | 'too_long'
  | 'format';

export type TextResult = { ok: true; value: string | null } | { ok: false; problem: TextProblem; message: string };

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const NUL = /\u0000/;
/** A high surrogate not followed by a low one, or a low one not after a high one: not encodable in UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Line breaks as text inputs send them: CR, LF, and the Unicode line and paragraph separators. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;
// C0 controls but tab and line breaks, DEL and the C1 controls (U+0085, next line, is a C1 control too).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const TAB = /\t/;
/** Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

const refuse = (problem: TextProblem, message: string): TextResult => ({ ok: false, problem, message });

/** Characters as people count them: code points, so that "é" typed as one character counts once. */
export const characterCount = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

/**
 * Checks and trims one text value. Answers the trimmed text (line breaks normalised to LF in multi-line
 * fields), null for an empty optional field, or the first problem found with a message for the person.
 */
export function text(value: string | null | undefined, options: TextOptions): TextResult {
  const { max, isRequired = false, isMultiline = false, isName = false } = options;
  if (value === null || value === undefined) {
    return isRequired ? refuse('required', 'This field is required.') : { ok: true, value: null };
  }
  // Checked before trimming: the rule is about what was sent, and trim() would hide nothing of these anyway.
  if (NUL.test(value)) return refuse('nul', 'The text contains a NUL character (U+0000), which cannot be stored.');
  if (LONE_SURROGATE.test(value)) {
    return refuse('surrogate', 'The text contains a broken character (a lone UTF-16 surrogate).');
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    return isRequired ? refuse('required', 'This field is required.') : { ok: true, value: null };
  }
  if (CONTROL.test(trimmed) || (!isMultiline && TAB.test(trimmed))) {
    return refuse('control', 'The text contains a control character; remove it and try again.');
  }
  if (!isMultiline && LINE_BREAK.test(trimmed)) return refuse('line_break', 'Write this on one line.');
  if (isName && BIDI_CONTROL.test(trimmed)) {
    return refuse('bidi', 'A name cannot contain Unicode direction overrides (such as U+202E).');
  }
  const normalised = isMultiline ? trimmed.replace(/\r\n?/g, '\n') : trimmed;
  const length = characterCount(normalised);
  const min = options.min ?? 1;
  if (length < min) return refuse('too_short', `At least ${min} characters.`);
  if (length > max) return refuse('too_long', `At most ${max.toLocaleString('en')} characters.`);
  return { ok: true, value: normalised };
}

// Deliberately simple: one @, something on both sides, a dot in the domain. The link we send is the real check.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
export const EMAIL_MAX = 254;

/** An e-mail address: the text rule on one line, then the shape (the caller decides about case). */
export function emailAddress(value: string | null | undefined): TextResult {
  const checked = text(value, { max: EMAIL_MAX, isRequired: true });
  if (!checked.ok) return checked;
  const email = checked.value ?? '';
  if (!EMAIL.test(email)) return refuse('format', 'Enter an e-mail address such as name@example.org.');
  return { ok: true, value: email };
}

/** True when a value passes the rules every stored text obeys: no NUL, no lone surrogate. */
export const isStorableText = (value: string): boolean => !NUL.test(value) && !LONE_SURROGATE.test(value);
