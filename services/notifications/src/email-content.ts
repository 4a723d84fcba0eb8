import type { EmailTemplateData, EmailTemplateId } from './email-template.ts';

/**
 * One piece of an e-mail. Catalogues describe a message as blocks of plain text rather than markup, and both the
 * HTML and the text part are rendered from the same blocks: that keeps the two alternatives identical in
 * substance, and leaves escaping to one place (the HTML renderer) instead of every translation.
 */
export type EmailBlock =
  | { kind: 'paragraph'; text: string }
  /** Words of someone else, shown set apart (a rejection reason). */
  | { kind: 'quote'; text: string }
  /** The one thing the recipient is asked to do: a button in HTML, the bare address in text. */
  | { kind: 'action'; label: string; url: string }
  /** A further link, less prominent than the action. */
  | { kind: 'link'; label: string; url: string }
  /**
   * Text a person wrote in Markdown of the declaration's small kind (@concord/schema/values): parsed into headings,
   * paragraphs, lists, emphasis and http(s)/mailto links, each escaped; anything else, HTML included, stays text.
   */
  | { kind: 'markdown'; text: string };

export interface EmailContent {
  subject: string;
  /** The message, in reading order. */
  body: EmailBlock[];
  /** Why the recipient receives it (and how to stop it), set apart below the body. */
  footer: EmailBlock[];
}

export interface EmailCatalogue {
  /** BCP 47 tag of the catalogue's language: the HTML `lang` and the Content-Language header. */
  locale: string;
  /** Written under every button for clients that show it badly, followed by the same address as a link. */
  actionFallback: string;
  templates: { [T in EmailTemplateId]: (data: EmailTemplateData[T]) => EmailContent };
}

export const paragraph = (text: string): EmailBlock => ({ kind: 'paragraph', text });
export const quote = (text: string): EmailBlock => ({ kind: 'quote', text });
export const action = (label: string, url: string): EmailBlock => ({ kind: 'action', label, url });
export const link = (label: string, url: string): EmailBlock => ({ kind: 'link', label, url });
export const markdown = (text: string): EmailBlock => ({ kind: 'markdown', text });
