import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/html-escape.ts';
import { type EmailTemplateId, renderEmail, supportedLocales } from '../src/index.ts';
import { mailOptionsOf } from '../src/smtp-mailer.ts';
import { samples } from './email-samples.ts';

/**
 * Every e-mail template in every language, written out as the SMTP mailer writes it (the same nodemailer
 * options, into a buffer instead of a socket) and read back with mailparser: the subject, the language in the
 * header and in the HTML, both parts, and every address of the data in both; and for French and German, no
 * English left once the data (names, reasons, titles typed by people) is taken out.
 */

const templates = Object.keys(samples) as EmailTemplateId[];
const writer = createTransport({ streamTransport: true, buffer: true });

async function readBack(template: EmailTemplateId, locale: string) {
  const email = renderEmail(template, locale, samples[template] as never);
  const info = await writer.sendMail(
    mailOptionsOf(
      { ...email, to: 'representative@example.eu', messageId: `<${template}.${locale}@concord.test>` },
      'Concord <noreply@concord.test>',
    ),
  );
  return { email, parsed: await simpleParser(info.message as Buffer) };
}

/** Every string in a sample's data: the addresses among them, and everything a person typed. */
function strings(data: unknown): string[] {
  if (typeof data === 'string') return [data];
  if (Array.isArray(data)) return data.flatMap(strings);
  if (typeof data === 'object' && data !== null) return Object.values(data).flatMap(strings);
  return [];
}

// Words that only English uses among Concord's languages; the data's own strings are removed first.
const ENGLISH = /\b(the|your|you|has been|please|this e-mail|sign in|review)\b/i;

describe('[E-MAIL] every template in every language, read back', () => {
  it('has a sample of every template', () => {
    expect(templates).toHaveLength(27);
  });

  const cases = supportedLocales.flatMap((locale) => templates.map((template) => [locale, template] as const));
  it.each(cases)('%s %s', async (locale, template) => {
    const { email, parsed } = await readBack(template, locale);
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.headers.get('content-language')).toBe(locale);
    expect(parsed.messageId).toBe(`<${template}.${locale}@concord.test>`);
    expect(parsed.text?.trim()).toBe(email.text.trim());
    expect(parsed.html).toContain(`<html lang="${locale}">`);
    expect(parsed.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
    const hrefs = [...String(parsed.html).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]?.replaceAll('&amp;', '&'));
    for (const url of strings(samples[template]).filter((s) => /^https:\/\//.test(s))) {
      expect(parsed.text).toContain(url);
      expect(hrefs).toContain(url);
    }
    if (locale === 'en') return;
    const english = renderEmail(template, 'en', samples[template] as never);
    expect(parsed.subject).not.toBe(english.subject);
    let words = `${parsed.subject}\n${parsed.text}`;
    for (const value of strings(samples[template]).sort((a, b) => b.length - a.length)) {
      words = words.replaceAll(value, ' ');
    }
    expect(words).not.toMatch(ENGLISH);
  });
});
