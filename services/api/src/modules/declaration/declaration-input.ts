import { createHash } from 'node:crypto';
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

export interface DeclarationTranslationInput {
  language: string;
  title: string;
  text: string;
}

/**
 * A translation as typed, checked field by field as the authentic text is; its language must be one of the
 * alliance's and not the authentic text's (that one is the original, not a translation).
 */
export function parseDeclarationTranslation(
  input: DeclarationTranslationInput,
  languages: readonly string[],
  authenticLanguage: string,
) {
  const language = input.language.trim();
  if (language === authenticLanguage) {
    throw badInput(
      'input.language',
      `The authentic text is in ${authenticLanguage}: a translation is into another language.`,
    );
  }
  if (!languages.includes(language)) {
    throw badInput('input.language', `One of the alliance's languages: ${languages.join(', ')}.`);
  }
  const title = requiredText(input.title, 'input.title', { max: TITLE_MAX });
  const text = requiredText(input.text, 'input.text', { max: TEXT_MAX, isMultiline: true });
  return { language, title, text };
}

/** SHA-256 of a declaration text (UTF-8), lower-case hex: the authentic text's and every translation's alike. */
export function declarationTextSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
