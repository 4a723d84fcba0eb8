import type { EmailBlock, EmailContent } from './email-content.ts';
import {
  type EmailTemplateData,
  type EmailTemplateId,
  type RenderedEmail,
  unsubscribeUrlOf,
} from './email-template.ts';
import { catalogueFor } from './locales/index.ts';
import { renderHtml } from './render-html.ts';
import { renderText } from './render-text.ts';
import { safeUrl } from './safe-url.ts';

/** Subject, text, HTML and headers of one e-mail, in the recipient's language (English when it has no catalogue). */
export function renderEmail<T extends EmailTemplateId>(
  template: T,
  locale: string,
  data: EmailTemplateData[T],
): RenderedEmail {
  const catalogue = catalogueFor(locale);
  // Job payloads arrive as JSON from the queue: a template id from an older or newer release is possible.
  if (!Object.hasOwn(catalogue.templates, template)) throw new Error(`Unknown e-mail template: ${String(template)}`);
  const content = checked(catalogue.templates[template](data));

  const headers: Record<string, string> = {
    // RFC 3834: tells auto-responders (out-of-office replies) not to answer.
    'Auto-Submitted': 'auto-generated',
    'Content-Language': catalogue.locale,
  };
  const unsubscribeUrl = unsubscribeUrlOf[template]?.(data);
  if (unsubscribeUrl !== undefined) {
    // RFC 8058 one-click: the mailbox provider POSTs "List-Unsubscribe=One-Click" to the URL, no page visit.
    headers['List-Unsubscribe'] = `<${safeUrl(unsubscribeUrl)}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }

  return {
    subject: content.subject,
    text: renderText(content),
    html: renderHtml(content, catalogue),
    headers,
  };
}

/**
 * Organisation names are typed by users: a line break in one must not reach the Subject header, where it would
 * start a header of the attacker's choosing. Links are normalised once here so that both parts show the same URL.
 */
function checked(content: EmailContent): EmailContent {
  const link = (block: EmailBlock): EmailBlock =>
    block.kind === 'action' || block.kind === 'link' ? { ...block, url: safeUrl(block.url) } : block;
  return {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
    subject: content.subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim(),
    body: content.body.map(link),
    footer: content.footer.map(link),
  };
}
