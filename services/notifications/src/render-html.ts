import { type InlineSpan, parseDeclarationMarkdown } from '@concord/schema/values';
import type { EmailBlock, EmailCatalogue, EmailContent } from './email-content.ts';
import { escapeHtml as e } from './html-escape.ts';

// Inline styles only: many mail clients drop <style> blocks. Colours keep a contrast above 7:1 (WCAG AAA).
const style = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  article:
    'max-width:600px;margin:0 auto;padding:32px 24px;background-color:#ffffff;color:#1f2328;' +
    'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  paragraph: 'margin:0 0 16px;',
  quote: 'margin:0 0 16px;padding:8px 16px;border-left:4px solid #8c959f;background-color:#f6f8fa;',
  actionWrap: 'margin:24px 0 8px;',
  action:
    'display:inline-block;padding:12px 24px;border-radius:4px;background-color:#1d4f91;color:#ffffff;' +
    'font-weight:bold;text-decoration:none;',
  fallback: 'margin:0 0 24px;font-size:14px;color:#424a53;',
  link: 'color:#1d4f91;text-decoration:underline;word-break:break-all;',
  rule: 'margin:32px 0 16px;border:0;border-top:1px solid #d0d7de;',
  footer: 'font-size:14px;color:#424a53;',
  heading: 'margin:24px 0 8px;font-size:18px;line-height:1.3;',
  list: 'margin:0 0 16px;padding-left:24px;',
} as const;

/** The HTML alternative: one column, real links, the language declared, every value escaped. */
export function renderHtml(content: EmailContent, catalogue: EmailCatalogue): string {
  const lang = e(catalogue.locale);
  const subject = e(content.subject);
  const body = content.body.map((block) => htmlOf(block, catalogue)).join('\n');
  const footer = content.footer.map((block) => htmlOf(block, catalogue)).join('\n');
  // role="article" with a label lets screen readers announce the message as one unit inside webmail pages.
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="${style.body}">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="${lang}" style="${style.article}">
${body}
<hr style="${style.rule}">
<div style="${style.footer}">
${footer}
</div>
</div>
</body>
</html>
`;
}

function htmlOf(block: EmailBlock, catalogue: EmailCatalogue): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${style.paragraph}">${e(block.text)}</p>`;
    case 'quote':
      return `<blockquote style="${style.quote}">${e(block.text)}</blockquote>`;
    case 'action':
      return (
        `<p style="${style.actionWrap}"><a href="${e(block.url)}" style="${style.action}">${e(block.label)}</a></p>\n` +
        `<p style="${style.fallback}">${e(catalogue.actionFallback)}<br>` +
        `<a href="${e(block.url)}" style="${style.link}">${e(block.url)}</a></p>`
      );
    case 'link':
      return `<p style="${style.paragraph}"><a href="${e(block.url)}" style="${style.link}">${e(block.label)}</a></p>`;
    case 'markdown':
      return markdownHtml(block.text);
  }
}

/** A person's Markdown as the portal shows it (DeclarationMarkdown.svelte): elements built from parsed blocks. */
function markdownHtml(text: string): string {
  return parseDeclarationMarkdown(text)
    .map((block) => {
      if (block.kind === 'heading') return `<h2 style="${style.heading}">${spansHtml(block.spans)}</h2>`;
      if (block.kind === 'paragraph') {
        return `<p style="${style.paragraph}">${spansHtml(block.spans).replaceAll('\n', '<br>\n')}</p>`;
      }
      const tag = block.isOrdered ? 'ol' : 'ul';
      const items = block.items.map((item) => {
        const value = block.isOrdered ? ` value="${Number.parseInt(item.label, 10) || 1}"` : '';
        return `<li${value}>${spansHtml(item.spans)}</li>`;
      });
      return `<${tag} style="${style.list}">${items.join('')}</${tag}>`;
    })
    .join('\n');
}

function spansHtml(spans: readonly InlineSpan[]): string {
  return spans
    .map((span) => {
      // The parser keeps only http(s) and mailto addresses without spaces, quotes or angle brackets.
      if (span.href) return `<a href="${e(span.href)}" style="${style.link}">${e(span.text)}</a>`;
      if (span.isStrong) return `<strong>${e(span.text)}</strong>`;
      if (span.isEmphasis) return `<em>${e(span.text)}</em>`;
      return e(span.text);
    })
    .join('');
}
