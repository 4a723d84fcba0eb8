/**
 * The texts of one declaration version (docs/adr/0029): the authentic one, the one signed, and its translations.
 * A page shows the text `?text=` asks for, else the translation into the reader's language, else the authentic one.
 */

export interface DeclarationTextOf {
  language: string;
  title: string;
  text: string;
  textSha256: string;
}

export interface VersionTexts extends DeclarationTextOf {
  translations: readonly DeclarationTextOf[];
}

export interface ChosenText extends DeclarationTextOf {
  isTranslation: boolean;
}

/** The authentic text first, then each translation, as the API lists them. */
export function textsOf(version: VersionTexts): ChosenText[] {
  const { language, title, text, textSha256 } = version;
  return [
    { language, title, text, textSha256, isTranslation: false },
    ...version.translations.map((t) => ({ ...t, isTranslation: true })),
  ];
}

export function chooseText(version: VersionTexts, asked: string | null, locale: string): ChosenText {
  const texts = textsOf(version);
  return (
    texts.find((t) => t.language === asked) ?? texts.find((t) => t.language === locale) ?? (texts[0] as ChosenText)
  );
}
