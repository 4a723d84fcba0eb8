import { describe, expect, it } from 'vitest';
import { type EmailTemplateData, renderEmail } from '../src/index.ts';

const org = 'Plastics Recyclers Europe';
const alliance = 'Circular Plastics Alliance';
const reportUrl = 'https://concord.example.eu/alliances/cpa/reports/2024';
const pet = { kind: 'supply', polymer: 'PET', tonnesPerYear: '12500.500', targetYear: 2025, version: 1 } as const;
const flat = (text: string) => text.replace(/\s+/g, ' ');

const reminder: EmailTemplateData['progress-report-reminder'] = {
  organisationName: org,
  allianceName: alliance,
  year: 2024,
  deadline: '2025-03-31',
  daysLeft: 1,
  missingPledges: [pet],
  reportUrl,
};

describe('[E-MAIL] progress reports', () => {
  it('reminds with the date, the days left and the pledges missing', () => {
    const email = renderEmail('progress-report-reminder', 'en', reminder);
    expect(email.subject).toBe(`Progress report for 2024 due on 31 March 2025: ${org}`);
    expect(flat(email.text)).toContain('in 1 day.');
    expect(flat(email.text)).toContain('this pledge:');
    expect(flat(email.text)).toContain('- the pledge to supply 12,500.5 t of recycled PET a year by 2025');
    expect(email.text).toContain(reportUrl);
  });

  it('shortens a long list of missing pledges', () => {
    const missingPledges = Array.from({ length: 13 }, (_, i) => ({ ...pet, tonnesPerYear: `${i + 1}.000` }));
    const text = flat(
      renderEmail('progress-report-reminder', 'en', { ...reminder, missingPledges, daysLeft: 30 }).text,
    );
    expect(text).toContain('these 13 pledges:');
    expect(text).toContain('- and 3 more');
    expect(text).toContain('in 30 days.');
  });

  it('tells a late organisation what its status becomes, and that a late report still counts', () => {
    const { missingPledges, deadline, year } = reminder;
    const email = renderEmail('progress-report-overdue', 'en', {
      organisationName: org,
      allianceName: alliance,
      year,
      deadline,
      missingPledges,
      reportUrl,
    });
    expect(email.subject).toBe(`Progress report for 2024 overdue: ${org} (${alliance})`);
    expect(flat(email.text)).toContain('was 31 March 2025');
    expect(flat(email.text)).toContain('A late report still counts');
  });

  it('words a reopened report differently from a question', () => {
    const data = {
      organisationName: org,
      allianceName: alliance,
      year: 2024,
      pledge: pet,
      question: 'The certificate expired in 2023.',
      isReopened: true,
      reportUrl,
    };
    const reopened = renderEmail('progress-report-queried', 'en', data);
    expect(reopened.subject).toBe(`Progress report reopened: ${org}, 2024 (${alliance})`);
    expect(flat(reopened.text)).toContain('does not count in the achieved figures');
    const asked = renderEmail('progress-report-queried', 'en', { ...data, isReopened: false });
    expect(asked.subject).toBe(`Question about the progress report of ${org} for 2024 (${alliance})`);
    expect(asked.html).toContain('The certificate expired in 2023.');
  });

  it('tells the secretariat whether the answer changed the figure', () => {
    const data = {
      organisationName: org,
      allianceName: alliance,
      year: 2024,
      pledge: pet,
      answer: 'Corrected.',
      tonnesAchieved: '11800.250',
      isRevised: true,
      reviewUrl: 'https://concord.example.eu/alliances/cpa/reports/review',
    };
    expect(flat(renderEmail('progress-report-answered', 'en', data).text)).toContain(
      'It corrected the figure: 11,800.25 t achieved.',
    );
    expect(flat(renderEmail('progress-report-answered', 'en', { ...data, isRevised: false }).text)).toContain(
      'The figure is unchanged: 11,800.25 t achieved.',
    );
  });
});
