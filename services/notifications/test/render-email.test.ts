import { describe, expect, it } from 'vitest';
import { type EmailTemplateData, type EmailTemplateId, renderEmail, supportedLocales } from '../src/index.ts';

const org = 'Plastics Recyclers Europe';
const alliance = 'Circular Plastics Alliance';
const base = 'https://concord.example.eu';

const samples: { [T in EmailTemplateId]: EmailTemplateData[T] } = {
  'login-link': { url: `${base}/login/verify?token=abc123`, expiresInMinutes: 15 },
  'signature-confirmation': {
    organisationName: org,
    allianceName: alliance,
    confirmUrl: `${base}/signatures/confirm?token=t0k`,
    expiresInHours: 48,
  },
  'signature-approved': {
    organisationName: org,
    allianceName: alliance,
    certificateUrl: `${base}/documents/cert-1.pdf`,
    verificationUrl: `${base}/verify/3f5a`,
  },
  'signature-rejected': { organisationName: org, allianceName: alliance, reason: 'Not part of the value chain.' },
  'signature-withdrawn': { organisationName: org, allianceName: alliance, reason: 'Merged with another member.' },
  'signature-to-review': {
    organisationName: org,
    allianceName: alliance,
    reviewUrl: `${base}/secretariat/signatures/42`,
    unsubscribeUrl: `${base}/preferences/unsubscribe?token=u1`,
  },
};

const render = <T extends EmailTemplateId>(
  template: T,
  data: EmailTemplateData[T] = samples[template],
  locale = 'en',
) => renderEmail(template, locale, data);

const hrefsOf = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]?.replaceAll('&amp;', '&'));
const urlsOf = (text: string) => text.split('\n').filter((line) => /^https?:\/\//.test(line));
const templates = Object.keys(samples) as EmailTemplateId[];

describe('[E-MAIL] renderEmail in English', () => {
  it.each([
    ['login-link', 'Your sign-in link', [samples['login-link'].url], ['15 minutes']],
    [
      'signature-confirmation',
      `Confirm the signature of ${org} for the ${alliance}`,
      [samples['signature-confirmation'].confirmUrl],
      ['48 hours', org, alliance],
    ],
    [
      'signature-approved',
      `${org} is now a signatory of the ${alliance}`,
      [samples['signature-approved'].certificateUrl, samples['signature-approved'].verificationUrl],
      ['Download the signature certificate', 'Verify the certificate'],
    ],
    [
      'signature-rejected',
      `The signature of ${org} for the ${alliance} was not accepted`,
      [],
      ['Not part of the value chain.'],
    ],
    [
      'signature-withdrawn',
      `The signature of ${org} for the ${alliance} has been withdrawn`,
      [],
      ['Merged with another member.'],
    ],
    [
      'signature-to-review',
      `Signature to review: ${org} (${alliance})`,
      [samples['signature-to-review'].reviewUrl, samples['signature-to-review'].unsubscribeUrl],
      ['waits for your review', 'Stop these e-mails'],
    ],
  ] as const)('%s: subject, text and HTML carry the data', (template, subject, urls, phrases) => {
    const email = render(template);
    expect(email.subject).toBe(subject);
    for (const url of urls) {
      expect(urlsOf(email.text)).toContain(url);
      expect(hrefsOf(email.html)).toContain(url);
    }
    for (const phrase of phrases) {
      expect(email.text.replace(/\s+/g, ' ')).toContain(phrase);
      expect(email.html).toContain(phrase);
    }
  });

  it.each(templates)(
    '%s: HTML declares its language and title, and links to exactly what the text shows',
    (template) => {
      const email = render(template);
      expect(email.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(email.html).toContain(`<title>${email.subject}</title>`);
      expect(new Set(hrefsOf(email.html))).toEqual(new Set(urlsOf(email.text)));
      expect(email.html).not.toMatch(/<img|<style|<script|\bsrc=/i);
    },
  );

  it('keeps text lines short, except for addresses', () => {
    for (const template of templates) {
      const long = render(template)
        .text.split('\n')
        .filter((line) => line.length > 72 && !/^https?:/.test(line));
      expect(long, template).toEqual([]);
    }
  });

  it('says "1 minute", not "1 minutes"', () => {
    expect(render('login-link', { url: 'https://x.example/l', expiresInMinutes: 1 }).text).toContain(
      'expires in 1 minute.',
    );
  });

  it('leaves the reason out of a withdrawal that has none', () => {
    const email = render('signature-withdrawn', { ...samples['signature-withdrawn'], reason: null });
    expect(email.text).not.toContain('reason given');
    expect(email.html).not.toContain('<blockquote');
  });
});

describe('[E-MAIL] escaping', () => {
  const hostile = `<script>alert("pwned")</script> & 'Co'`;
  const email = render('signature-rejected', {
    organisationName: hostile,
    allianceName: alliance,
    reason: '<img src=x onerror="alert(1)">',
  });

  it('escapes every interpolated value in the HTML', () => {
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
    expect(email.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('keeps the text part literal', () => {
    expect(email.text).toContain(`<script>alert("pwned")</script> & 'Co'`);
  });

  it('escapes a quote inside a link, so it cannot leave the href', () => {
    const html = render('login-link', { url: 'https://x.example/l?a="b"&c=<d>', expiresInMinutes: 5 }).html;
    expect(html).toContain('href="https://x.example/l?a=%22b%22&amp;c=%3Cd%3E"');
  });

  it('keeps line breaks of a name out of the subject (no header injection)', () => {
    const subject = render('signature-approved', {
      ...samples['signature-approved'],
      organisationName: 'Evil Corp\r\nBcc: everyone@example.com',
    }).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('Evil Corp Bcc: everyone@example.com is now a signatory of the Circular Plastics Alliance');
  });

  it('refuses links that are not http(s)', () => {
    expect(() => render('login-link', { url: 'javascript:alert(1)', expiresInMinutes: 5 })).toThrow(/http\(s\)/);
    expect(() => render('login-link', { url: '/relative', expiresInMinutes: 5 })).toThrow(/absolute URL/);
  });
});

describe('[E-MAIL] headers', () => {
  it.each(templates)('%s is marked auto-generated', (template) => {
    expect(render(template).headers['Auto-Submitted']).toBe('auto-generated');
  });

  it('gives the review notice to staff a one-click unsubscribe (RFC 8058)', () => {
    expect(render('signature-to-review').headers).toMatchObject({
      'List-Unsubscribe': `<${samples['signature-to-review'].unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it.each(templates.filter((t) => t !== 'signature-to-review'))(
    '%s is transactional: no List-Unsubscribe',
    (template) => {
      const { headers } = render(template);
      expect(headers).not.toHaveProperty('List-Unsubscribe');
      expect(headers).not.toHaveProperty('List-Unsubscribe-Post');
    },
  );
});

describe('[E-MAIL] locales', () => {
  it('supports English', () => {
    expect(supportedLocales).toEqual(['en']);
  });

  it.each(['xx', 'fr-BE', 'en-GB', 'EN_ie', '', 'constructor'])('falls back to English for "%s"', (locale) => {
    const email = render('login-link', samples['login-link'], locale);
    expect(email).toEqual(render('login-link'));
    expect(email.headers['Content-Language']).toBe('en');
  });

  it('rejects a template id it does not know (a job from another release)', () => {
    expect(() => renderEmail('pledge-reminder' as EmailTemplateId, 'en', samples['login-link'])).toThrow(
      /Unknown e-mail template: pledge-reminder/,
    );
  });
});
