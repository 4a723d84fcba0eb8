import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CampaignOutcome, deriveReportingStatus, statusFromLastTwo } from './reporting-status.ts';

const TODAY = '2025-06-01';
/** One campaign a year, deadline 31 March of the next year; `R` reported, `M` missed, `-` nothing expected. */
const history = (marks: string, firstYear = 2019): CampaignOutcome[] =>
  [...marks].map((mark, i) => ({
    deadline: `${firstYear + i + 1}-03-31`,
    isExpected: mark !== '-',
    hasReported: mark === 'R',
  }));

describe('deriveReportingStatus', () => {
  it.each([
    ['', 'new', 'no campaign at all'],
    ['--', 'new', 'campaigns that expected nothing of it'],
    ['R', 'active', 'reported for its only campaign'],
    ['M', 'not_reporting', 'missed its only campaign'],
    ['RM', 'not_reporting', 'missed the last one after reporting'],
    ['MM', 'inactive', 'missed the last two'],
    ['RRMM', 'inactive', 'missed the last two after reporting before'],
    ['MMR', 'active', 'reported again after two misses: it recovers'],
    ['MRM', 'not_reporting', 'misses that are not in a row'],
    ['-M', 'not_reporting', 'one miss after a campaign that expected nothing'],
    ['M-', 'not_reporting', 'a campaign that expected nothing is skipped, not a miss'],
    ['MM-', 'inactive', 'and does not interrupt two misses in a row'],
  ])('"%s" → %s (%s)', (marks, expected) => {
    expect(deriveReportingStatus(history(marks), TODAY)).toBe(expected);
  });

  it('ignores a campaign whose deadline has not passed, however it stands', () => {
    // The 2024 campaign (deadline 2025-03-31) is still open on 2025-03-20.
    expect(deriveReportingStatus(history('RRRRRM'), '2025-03-20')).toBe('active');
    expect(deriveReportingStatus(history('RRRRMM'), '2025-03-20')).toBe('not_reporting');
    // On the deadline day itself the campaign is still open; the day after, it is closed.
    expect(deriveReportingStatus(history('RM'), '2021-03-31')).toBe('active');
    expect(deriveReportingStatus(history('RM'), '2021-04-01')).toBe('not_reporting');
  });

  it('orders campaigns by deadline, not by the order given', () => {
    expect(deriveReportingStatus(history('RMM').reverse(), TODAY)).toBe('inactive');
  });

  it('depends only on the last two closed campaigns that expected a report', () => {
    const mark = fc.constantFrom('R', 'M', '-');
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 8 }), fc.array(mark, { maxLength: 2 }), (older, recent) => {
        const all = history([...older, ...recent].join(''));
        const relevant = all.filter((c) => c.isExpected).reverse();
        expect(deriveReportingStatus(all, '2100-01-01')).toBe(
          statusFromLastTwo(relevant[0]?.hasReported ?? null, relevant[1]?.hasReported ?? null),
        );
      }),
    );
  });
});
