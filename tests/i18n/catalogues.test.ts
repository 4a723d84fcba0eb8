import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_LOCALES } from '@concord/schema/values';
import { describe, expect, it } from 'vitest';
import { exportLanguages } from '../../services/api/src/modules/open-data/export-labels.ts';
import { documentLocales } from '../../services/documents/src/locales/index.ts';
import {
  type EmailTemplateData,
  type EmailTemplateId,
  supportedLocales as emailLocales,
  type PledgeSummary,
  renderEmail,
} from '../../services/notifications/src/index.ts';
import { compareMessageCatalogue, compareShownValues, type MessageCatalogue } from './catalogue-check.ts';

/**
 * Every locale's catalogues against English: the portal's messages, the e-mails and the documents' strings.
 * A failure names the catalogue, the locale and the key; `catalogue-check.test.ts` shows each rule failing.
 */

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as MessageCatalogue;

const portalSettings = readJson('frontend/portal/project.inlang/settings.json') as {
  baseLocale: string;
  locales: string[];
};

/** JSON catalogues in the inlang message format: one file per locale in a folder. */
const jsonCatalogues = [
  { name: 'portal', dir: 'frontend/portal/messages' },
  { name: 'documents', dir: 'services/documents/src/locales' },
  { name: 'export headings', dir: 'services/api/src/modules/open-data/locales' },
];

describe('[I18N] message catalogues', () => {
  it('lists every portal catalogue file as a locale, and every locale has its file', () => {
    const files = readdirSync(join(root, 'frontend/portal/messages'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...portalSettings.locales].sort());
    expect(portalSettings.baseLocale).toBe('en');
  });

  for (const { name, dir } of jsonCatalogues) {
    const english = readJson(`${dir}/en.json`);
    it.each(portalSettings.locales.filter((l) => l !== 'en'))(
      `${name}: %s has English's keys and placeholders`,
      (locale) => {
        expect(compareMessageCatalogue(name, locale, english, readJson(`${dir}/${locale}.json`))).toEqual([]);
      },
    );
  }

  it('has the one list of languages (schema/src/values/locales.ts) in the portal, the e-mails, the documents and the exports', () => {
    expect(portalSettings.locales).toEqual([...SUPPORTED_LOCALES]);
    expect([...emailLocales]).toEqual([...SUPPORTED_LOCALES]);
    expect([...documentLocales]).toEqual([...SUPPORTED_LOCALES]);
    expect([...exportLanguages]).toEqual([...SUPPORTED_LOCALES]);
  });
});

// Values a reader could not mistake for words: each must show in a translation exactly where English shows it.
const org = 'Orgxq Recyclers';
const alliance = 'Allxq Alliance';
const url = (path: string) => `https://concord.test/${path}`;
const pledge = (over: Partial<PledgeSummary> = {}): PledgeSummary => ({
  kind: 'supply',
  polymer: 'PET',
  tonnesPerYear: '98765.400',
  targetYear: 2029,
  version: 37,
  ...over,
});
const many = Array.from({ length: 12 }, (_, i) =>
  pledge({ polymer: i % 2 ? 'HDPE' : 'OTHER', kind: i % 3 ? 'uptake' : 'supply' }),
);

type Sample = { [T in EmailTemplateId]: { template: T; data: EmailTemplateData[T] } }[EmailTemplateId];
const sample = <T extends EmailTemplateId>(template: T, data: EmailTemplateData[T]): Sample =>
  ({ template, data }) as Sample;
const common = { organisationName: org, allianceName: alliance };

/** Every template, and every branch of each (a null reason, an amendment, each decision). */
const samples: Sample[] = [
  sample('login-link', { url: url('login-q1'), expiresInMinutes: 17 }),
  sample('signature-confirmation', { ...common, confirmUrl: url('confirm-q2'), expiresInHours: 47 }),
  sample('signature-approved', { ...common, certificateUrl: url('cert-q3'), verificationUrl: url('verify-q4') }),
  sample('signature-rejected', { ...common, reason: 'Reasonxq one' }),
  sample('signature-withdrawn', { ...common, reason: 'Reasonxq two' }),
  sample('signature-withdrawn', { ...common, reason: null }),
  sample('signature-to-review', { ...common, reviewUrl: url('review-q5'), unsubscribeUrl: url('stop-q6') }),
  ...[true, false].flatMap((isAmendment) =>
    ['Groupxq', null].map((workingGroupName) =>
      sample('pledge-submitted', {
        ...common,
        workingGroupName,
        pledge: pledge({ kind: isAmendment ? 'uptake' : 'supply', polymer: workingGroupName ? 'PET' : 'OTHER' }),
        isAmendment,
        reviewUrl: url('review-q7'),
        unsubscribeUrl: url('stop-q8'),
      }),
    ),
  ),
  ...(['accepted', 'changes_requested', 'rejected'] as const).flatMap((decision) =>
    [true, false].map((isAmendment) =>
      sample('pledge-decided', {
        ...common,
        decision,
        comment: isAmendment ? 'Commentxq' : null,
        pledge: pledge(),
        isAmendment,
        pledgeUrl: url('pledge-q9'),
      }),
    ),
  ),
  sample('pledge-withdrawn', { ...common, pledge: pledge(), reason: 'Reasonxq three', pledgeUrl: url('pledge-q10') }),
  ...[[pledge()], many].map((missingPledges) =>
    sample('progress-report-reminder', {
      ...common,
      year: 2031,
      deadline: '2032-04-30',
      daysLeft: missingPledges.length === 1 ? 1 : 13,
      missingPledges,
      reportUrl: url('report-q11'),
    }),
  ),
  ...['Packagingxq', null].map((workingGroupName) =>
    sample('commitment-reminder', {
      ...common,
      workingGroupName,
      title: 'Titlexq trays',
      deadline: '2032-04-30',
      daysLeft: workingGroupName ? 1 : 7,
      commitmentUrl: url('commitment-q13'),
    }),
  ),
  ...['Packagingxq', null].map((workingGroupName) =>
    sample('commitment-late', {
      ...common,
      workingGroupName,
      title: 'Titlexq trays',
      deadline: '2032-04-30',
      commitmentUrl: url('commitment-q14'),
    }),
  ),
  ...['Packagingxq', null].map((workingGroupName) =>
    sample('meeting-comment-received', {
      allianceName: alliance,
      workingGroupName,
      meetingTitle: 'Meetingxq trays',
      decisionText: workingGroupName ? 'Decisionxq trays' : null,
      text: 'Commentxq trays',
      moderationUrl: url('comments-q15'),
    }),
  ),
  ...['Decisionxq trays', null].map((decisionText) =>
    sample('meeting-comment-answered', {
      allianceName: alliance,
      meetingTitle: 'Meetingxq trays',
      decisionText,
      text: 'Commentxq trays',
      answer: 'Answerxq trays',
      commentUrl: url('comment-q16'),
    }),
  ),
  ...[[pledge()], many].map((missingPledges) =>
    sample('progress-report-overdue', {
      ...common,
      year: 2031,
      deadline: '2032-04-30',
      missingPledges,
      reportUrl: url('report-q12'),
    }),
  ),
  ...[true, false].map((isReopened) =>
    sample('progress-report-queried', {
      ...common,
      year: 2031,
      pledge: pledge(),
      question: 'Questionxq',
      isReopened,
      reportUrl: url('report-q13'),
    }),
  ),
  ...[true, false].map((isRevised) =>
    sample('progress-report-answered', {
      ...common,
      year: 2031,
      pledge: pledge(),
      answer: 'Answerxq',
      tonnesAchieved: '55443.210',
      isRevised,
      reviewUrl: url('review-q14'),
    }),
  ),
  ...(['new', 'changed', 'cancelled'] as const).flatMap((change) =>
    ['Groupxq', null].map((workingGroupName) =>
      sample('meeting-invitation', {
        allianceName: alliance,
        workingGroupName,
        title: 'Titlexq',
        // Shown only while the meeting stands, as are the place and the link.
        purpose: change === 'cancelled' ? '' : 'Purposexq',
        when: 'Whenxq',
        timeZone: 'Europe/Brussels',
        place: change === 'cancelled' ? null : 'Placexq',
        onlineUrl: change === 'cancelled' ? null : url('call-q15'),
        meetingUrl: url('meeting-q16'),
        change,
        cancellationReason: change === 'cancelled' ? 'Reasonxq four' : null,
      }),
    ),
  ),
];

/** The values of a sample as a reader sees them: strings as given, numbers as digits. */
function shownValues(data: unknown): string[] {
  if (typeof data === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(data) ? [data.slice(0, 4)] : [data.replace(/0+$/, '').replace(/\.$/, '')];
  if (typeof data === 'number') return [String(data)];
  if (Array.isArray(data)) return data.flatMap(shownValues);
  if (typeof data === 'object' && data !== null)
    return Object.entries(data).flatMap(([key, value]) =>
      key === 'kind' || key === 'decision' || key === 'change' ? [] : shownValues(value),
    );
  return [];
}

describe('[I18N] e-mail catalogues', () => {
  it('covers every template in the samples', () => {
    const covered = new Set(samples.map((s) => s.template));
    expect(covered.size).toBe(18);
  });

  const cases = emailLocales
    .filter((l) => l !== 'en')
    .flatMap((locale) => samples.map((s, i) => [locale, `${s.template} #${i}`, s] as const));
  it.each(cases)('%s %s shows what English shows', (locale, _name, { template, data }) => {
    const values = [...new Set(shownValues(data))].filter((v) => v.length >= 2);
    const english = renderEmail(template, 'en', data as never);
    const other = renderEmail(template, locale, data as never);
    expect(other.headers['Content-Language']).toBe(locale);
    expect(other.html).toContain(`<html lang="${locale}">`);
    expect([
      ...compareShownValues(`${locale} ${template} subject`, values, english.subject, other.subject),
      ...compareShownValues(`${locale} ${template} text`, values, english.text, other.text),
    ]).toEqual([]);
    // Not English under another name: a translation shares at most the values and proper names with it.
    expect(other.text).not.toBe(english.text);
  });
});
