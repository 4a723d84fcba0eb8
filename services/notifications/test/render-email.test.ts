import { describe, expect, it } from 'vitest';
import { type EmailTemplateData, type EmailTemplateId, renderEmail, supportedLocales } from '../src/index.ts';
import { alliance, org, samples } from './email-samples.ts';

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
      'secretariat-appointed',
      `You are now in the secretariat of the ${alliance}`,
      [samples['secretariat-appointed'].allianceUrl],
      ['Open the alliance', 'one-time link'],
    ],
    [
      'chair-appointed',
      'You are now a co-chair of the Packaging working group',
      [samples['chair-appointed'].workingGroupUrl],
      ['named you co-chair', org, 'Open the working group'],
    ],
    [
      'steering-committee-appointed',
      `You are now a member of the ${alliance} steering committee`,
      [samples['steering-committee-appointed'].committeeUrl],
      [`representing ${org}`, 'See the steering committee'],
    ],
    [
      'representative-invitation',
      `Marta Kowalska invites you to represent ${org}`,
      [samples['representative-invitation'].url],
      ['7 days', 'Accept the invitation'],
    ],
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
    [
      'pledge-submitted',
      `Pledge to review: ${org} (${alliance})`,
      [samples['pledge-submitted'].reviewUrl, samples['pledge-submitted'].unsubscribeUrl],
      ['to supply 12,500.5 t of recycled PET a year by 2025', 'Packaging working group', 'Stop these e-mails'],
    ],
    [
      'pledge-decided',
      `Changes requested to the pledge of ${org} (${alliance})`,
      [samples['pledge-decided'].pledgeUrl],
      ['to use 1,200,000 t of recycled HDPE a year by 2030', 'needs changes', 'Please attach the signed statement.'],
    ],
    [
      'pledge-withdrawn',
      `The pledge of ${org} for the ${alliance} has been withdrawn`,
      [samples['pledge-withdrawn'].pledgeUrl],
      ['0.001 t of recycled other plastics', 'The plant was sold.', 'no longer counts in any total'],
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

  it('words an amendment under review as one, and says the pledge stays in force meanwhile', () => {
    const email = render('pledge-submitted', {
      ...samples['pledge-submitted'],
      isAmendment: true,
      pledge: { ...samples['pledge-submitted'].pledge, version: 3 },
    });
    expect(email.subject).toBe(`Pledge amendment to review: ${org} (${alliance})`);
    expect(email.text.replace(/\s+/g, ' ')).toContain('version 3 would commit it to supply 12,500.5 t');
    expect(email.text.replace(/\s+/g, ' ')).toContain('stays in force');
  });

  it('sends a pledge without a working group to the secretariat, saying so', () => {
    const email = render('pledge-submitted', { ...samples['pledge-submitted'], workingGroupName: null });
    expect(email.text.replace(/\s+/g, ' ')).toContain('the secretariat reviews it');
    expect(email.text).not.toContain('whose chairs');
  });

  it.each([
    ['accepted', false, `Pledge accepted: ${org} (${alliance})`, 'now appears in the public register'],
    ['rejected', false, `Pledge not accepted: ${org} (${alliance})`, 'was not accepted.'],
    ['accepted', true, `Pledge amendment accepted: ${org} (${alliance})`, 'Its figures are now in force'],
    ['rejected', true, `Pledge amendment not accepted: ${org} (${alliance})`, 'stays in force as accepted before'],
  ] as const)('words the decision %s (amendment: %s)', (decision, isAmendment, subject, phrase) => {
    const email = render('pledge-decided', { ...samples['pledge-decided'], decision, isAmendment, comment: null });
    expect(email.subject).toBe(subject);
    expect(email.text.replace(/\s+/g, ' ')).toContain(phrase);
    expect(email.text).not.toContain("reviewer's comment");
    expect(email.html).not.toContain('<blockquote');
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

describe('[E-MAIL] an announcement’s Markdown', () => {
  const body = [
    '# Plenary',
    'Come to **Brussels** on *12 March*: [the agenda](https://cpa.example/agenda?a=1&b=2).',
    '',
    '1. Welcome',
    '2. Pledges',
    '',
    '<script>alert(1)</script> [bad](javascript:alert(1)) <img src=x onerror=alert(1)>',
  ].join('\n');
  const email = render('announcement', { ...samples.announcement, body });

  it('renders headings, emphasis, lists and links as elements, and nothing else as markup', () => {
    expect(email.html).toContain('>Plenary</h2>');
    expect(email.html).toContain('<strong>Brussels</strong>');
    expect(email.html).toContain('<em>12 March</em>');
    expect(email.html).toContain('href="https://cpa.example/agenda?a=1&amp;b=2"');
    expect(email.html).toMatch(/<ol [^>]*><li value="1">Welcome<\/li><li value="2">Pledges<\/li><\/ol>/);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('href="javascript:');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('writes the same text without markup in the text part, links beside their words', () => {
    expect(email.text.replace(/\s+/g, ' ')).toContain(
      'Come to Brussels on 12 March: the agenda (https://cpa.example/agenda?a=1&b=2).',
    );
    expect(email.text).toContain('1. Welcome\n2. Pledges');
    expect(email.text).toContain('<script>alert(1)</script> [bad](javascript:alert(1))');
    expect(email.text).not.toContain('**');
  });
});

describe('[E-MAIL] headers', () => {
  it.each(templates)('%s is marked auto-generated', (template) => {
    expect(render(template).headers['Auto-Submitted']).toBe('auto-generated');
  });

  it.each(['signature-to-review', 'pledge-submitted', 'announcement', 'digest'] as const)(
    'gives the optional e-mail %s a one-click unsubscribe (RFC 8058)',
    (template) => {
      expect(render(template).headers).toMatchObject({
        'List-Unsubscribe': `<${samples[template].unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    },
  );

  it.each(templates.filter((t) => !['signature-to-review', 'pledge-submitted', 'announcement', 'digest'].includes(t)))(
    '%s is transactional: no List-Unsubscribe',
    (template) => {
      const { headers } = render(template);
      expect(headers).not.toHaveProperty('List-Unsubscribe');
      expect(headers).not.toHaveProperty('List-Unsubscribe-Post');
    },
  );
});

describe('[E-MAIL] locales', () => {
  it('supports English, French and German', () => {
    expect(supportedLocales).toEqual(['en', 'fr', 'de']);
  });

  it.each([
    ['fr-BE', 'fr', 'Votre lien de connexion'],
    ['FR', 'fr', 'Votre lien de connexion'],
    ['de-AT', 'de', 'Ihr Anmeldelink'],
    ['de_CH', 'de', 'Ihr Anmeldelink'],
  ])('writes to "%s" in its language, %s', (locale, language, subject) => {
    const email = render('login-link', samples['login-link'], locale);
    expect(email.subject).toBe(subject);
    expect(email.headers['Content-Language']).toBe(language);
    expect(email.html).toContain(`<html lang="${language}">`);
    expect(email.text).toContain(samples['login-link'].url);
  });

  it('writes tonnes, dates and counts as each language does', () => {
    const fr = render('pledge-submitted', samples['pledge-submitted'], 'fr');
    expect(fr.text.replace(/[ \n]+/g, ' ')).toContain(
      'de fournir 12\u202f500,5\u00a0t de PET recyclé par an d’ici 2025',
    );
    const de = render('pledge-submitted', samples['pledge-submitted'], 'de');
    expect(de.text.replace(/[ \n]+/g, ' ')).toContain('12.500,5\u00a0t PET-Rezyklat pro Jahr bis 2025 bereitzustellen');
    const reminder = samples['progress-report-reminder'];
    expect(render('progress-report-reminder', reminder, 'fr').subject).toContain('attendu le 31 mars 2025');
    expect(render('progress-report-reminder', reminder, 'de').subject).toContain('fällig am 31. März 2025');
    expect(render('progress-report-reminder', { ...reminder, daysLeft: 1 }, 'de').text).toContain('in 1\u00a0Tag.');
    expect(render('progress-report-reminder', reminder, 'de').text).toContain('in 7\u00a0Tagen.');
  });

  it.each(['xx', 'pt-BR', 'en-GB', 'EN_ie', '', 'constructor'])('falls back to English for "%s"', (locale) => {
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

describe('[E-MAIL] digest', () => {
  it('lists each item by the subject its own e-mail would have had, linking where its button would have', () => {
    for (const locale of ['en', 'fr', 'de']) {
      const digest = renderEmail('digest', locale, samples.digest);
      for (const entry of samples.digest.entries) {
        const own = renderEmail(entry.template, locale, {
          ...entry.data,
          unsubscribeUrl: 'https://x.example/u',
        } as never);
        expect(digest.text).toContain(own.subject);
      }
      expect(digest.html).toContain('https://concord.example.eu/alliances/cpa/review');
      expect(digest.subject).toMatch(/2/);
    }
  });
});
