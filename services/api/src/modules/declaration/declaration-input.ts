import { badInput } from '../../errors.ts';
import { requiredText } from '../../lib/validate.ts';

export const TITLE_MAX = 300;
/** A declaration is a page or two; the CPA's was under 10,000 characters. */
export const TEXT_MAX = 50_000;

export interface DeclarationDraftInput {
  title: string;
  text: string;
  language: string;
}

/** The draft as typed, checked field by field; the language must be one the alliance works in. */
export function parseDeclarationDraft(input: DeclarationDraftInput, languages: readonly string[]) {
  const title = requiredText(input.title, 'input.title', { max: TITLE_MAX });
  const text = requiredText(input.text, 'input.text', { max: TEXT_MAX, isMultiline: true });
  const language = input.language.trim();
  if (!languages.includes(language)) {
    throw badInput('input.language', `One of the alliance's languages: ${languages.join(', ')}.`);
  }
  return { title, text, language };
}
