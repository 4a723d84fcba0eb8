import { formatMass } from './formats.ts';
import { STYLE } from './page-style.ts';
import type { ProgressReportPage } from './progress-report-page.ts';

function slopeInWords(slope: string): string {
  if (/^-?0(\.0*)?$/.test(slope)) return 'It is flat.';
  return slope.startsWith('-')
    ? `It falls by ${formatMass(slope.slice(1))} a year.`
    : `It rises by ${formatMass(slope)} a year.`;
}

/** How the figures are made: what counts as achieved and pledged, exactness, the trend and its interval. */
export function renderMethod(page: ProgressReportPage): void {
  const { target, year, trajectory } = page.data;
  const section = page.section();
  page.text(section, 'H2', 'How the figures are made', STYLE.heading, { gap: 6, keepWith: 60 });
  // Ragged right: justified text opens gaps that make lines harder to follow (WCAG 1.4.8).
  const note = (text: string) => page.text(section, 'P', text, STYLE.body, { gap: 6 });
  note(
    `Achieved: the tonnes of the validated progress reports of accepted ${target.flow} pledges (the target’s ` +
      `flow) for the year. Submitted and queried reports do not count until the secretariat validates them, ` +
      'nor do reports of pledges that are withdrawn, rejected or not yet accepted. The breakdown tables show ' +
      'what supply and uptake pledges achieved side by side: a tonne supplied and then taken up would count ' +
      'twice if they were added.',
  );
  note(
    'Pledged: the tonnes a year of the pledges accepted when this report was generated, whatever their target ' +
      'year. Every figure is computed from the register’s pledges and reports, never typed in.',
  );
  note(
    'Exact figures: tonnes are recorded to the kilogram (three decimals) and summed exactly in the database; ' +
      'the tables show them unrounded. Figures in Mt and kt in the text and on the charts are rounded for reading.',
  );
  note(
    `Trend: the least-squares straight line through the achieved tonnes of each reported year up to ${year}, ` +
      `read at the target year ${target.year}.` +
      (trajectory ? ` ${slopeInWords(trajectory.slopeTonnesPerYear)}` : ''),
  );
  note(
    'Interval: “±” is the half-width of a 95 % prediction interval at the target year (Student’s t with ' +
      'n − 2 degrees of freedom): if the years to come scatter around the line as the reported years did, the ' +
      'figure of the target year falls within it 19 times in 20. It needs three reported years or more, and it ' +
      'cannot foresee changes the past does not show. Confidence is none with one year, low with two years or an ' +
      'interval wider than 15 % of the target, high with five years or more and an interval under 5 %, and ' +
      'medium otherwise.',
  );
  section.end();
}
