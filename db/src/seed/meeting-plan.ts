/**
 * The demo working groups' fourteen meetings of their first year (buildMeetings, meetings.ts): when, what for, how
 * (the script of the agenda, meeting-scripts.ts), what was decided and committed to. Fictional content.
 */

export type Script = 'world_cafe' | 'open_space' | 'fishbowl' | 'circle';

export interface MeetingSpec {
  group: string;
  /** The start, UTC. */
  start: string;
  title: string;
  purpose: string;
  place: string;
  script: Script;
  summary: string;
  themes: string[];
  decisions: string[];
  /** Commitments arising from the decisions: what, days to the deadline, and how it went. */
  commitments: { title: string; days: number; outcome: 'done' | 'dropped' }[];
}

export const MEETINGS: readonly MeetingSpec[] = [
  {
    group: 'packaging',
    start: '2019-10-22T07:30:00Z',
    title: 'Packaging: kick-off',
    purpose: 'What must change along the packaging chain for recycled plastics to reach 10 million tonnes?',
    place: 'Albert Borschette Conference Centre, room 1A, Brussels',
    script: 'world_cafe',
    summary:
      'Forty-two organisations met for the first time and mapped what stands between them and more recycled content.',
    themes: [
      'design that sorting plants cannot handle',
      'contamination of collected films',
      'price volatility of recyclates',
    ],
    decisions: [
      'Draft design-for-recycling guidelines for rigid PET and PP packaging by the spring.',
      'Collect figures on sorting capacity by country before the next meeting.',
    ],
    commitments: [
      { title: 'Draft the design-for-recycling guidelines for rigid PET and PP packaging', days: 150, outcome: 'done' },
      { title: 'Collect sorting-capacity figures from national federations', days: 45, outcome: 'done' },
    ],
  },
  {
    group: 'construction',
    start: '2019-10-24T08:00:00Z',
    title: 'Construction: kick-off',
    purpose: 'Which construction products can take recycled plastics without lowering their performance?',
    place: 'Madou Plaza, 25th floor, Brussels',
    script: 'circle',
    summary:
      'The group listed the products closest to using more recycled material: pipes, window profiles and membranes.',
    themes: ['standards that require virgin material', 'legacy additives in demolition waste', 'take-back of offcuts'],
    decisions: [
      'Start with pipes, profiles and membranes; insulation follows in 2020.',
      'Ask the standardisation bodies which product standards block recycled content.',
    ],
    commitments: [
      {
        title: 'List the product standards that block recycled content in pipes and profiles',
        days: 90,
        outcome: 'done',
      },
    ],
  },
  {
    group: 'automotive',
    start: '2019-10-29T08:30:00Z',
    title: 'Automotive: kick-off',
    purpose: 'How do more recycled plastics get from end-of-life vehicles back into new cars?',
    place: 'Centre Albert Borschette, room 0C, Brussels',
    script: 'world_cafe',
    summary: 'Dismantlers, recyclers and carmakers compared what each needs from the others.',
    themes: ['dismantling before shredding', 'post-shredder sorting', 'qualifying recycled grades for interior parts'],
    decisions: [
      'Map the recycled grades already qualified for interior parts.',
      'Hold the next meeting at a post-shredder sorting plant.',
    ],
    commitments: [{ title: 'Map the recycled PP grades qualified for interior parts', days: 100, outcome: 'done' }],
  },
  {
    group: 'electrical-electronic-equipment',
    start: '2019-10-31T08:00:00Z',
    title: 'Electrical and electronic equipment: kick-off',
    purpose: 'What would it take to close the loop for plastics from discarded appliances?',
    place: 'Online and at Covent Garden, room 2, Brussels',
    script: 'open_space',
    summary: 'An Open Space of nine sessions, proposed by the participants, on the plastics of discarded appliances.',
    themes: ['brominated fractions', 'certifying clean recyclates', 'demand from equipment makers'],
    decisions: [
      'Agree one test method for restricted substances in recyclates.',
      'Invite the equipment makers that are not yet signatories.',
    ],
    commitments: [
      { title: 'Propose one test method for restricted substances in recyclates', days: 120, outcome: 'done' },
      { title: 'Invite ten equipment makers to the next meeting', days: 30, outcome: 'dropped' },
    ],
  },
  {
    group: 'agriculture',
    start: '2019-11-05T08:30:00Z',
    title: 'Agriculture: kick-off',
    purpose: 'How can used agricultural films be collected in every member state?',
    place: 'Copa-Cogeca House, Brussels',
    script: 'circle',
    summary: 'Collection schemes from five member states told how they started and what they would do differently.',
    themes: ['soil on collected films', 'seasons of collection', 'schemes run by farmers’ organisations'],
    decisions: [
      'Write a short guide to starting a collection scheme.',
      'Share the schemes’ collection figures each quarter.',
    ],
    commitments: [
      { title: 'Write a guide to starting a collection scheme for farm films', days: 120, outcome: 'done' },
    ],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-11-12T08:00:00Z',
    title: 'Monitoring: kick-off',
    purpose: 'How will the alliance know, tonne by tonne, that its target is being met?',
    place: 'Berlaymont, room S3, Brussels',
    script: 'world_cafe',
    summary: 'The group agreed what the monitoring system must count and who would report what.',
    themes: ['what counts as recycled content', 'avoiding double counting along the chain', 'certification schemes'],
    decisions: [
      'Count recycled plastics where they enter a new product, once.',
      'Use existing certification schemes rather than a new one.',
    ],
    commitments: [{ title: 'Compare the certification schemes for recycled content', days: 75, outcome: 'done' }],
  },
  {
    group: 'packaging',
    start: '2019-11-14T08:00:00Z',
    title: 'Packaging: design for recycling',
    purpose: 'Which design rules can converters and brand owners apply by 2025?',
    place: 'Albert Borschette Conference Centre, room 3B, Brussels',
    script: 'open_space',
    summary: 'Eleven sessions on design rules, from labels and inks to multilayer films.',
    themes: ['sleeves and labels', 'black plastics that sorters cannot see', 'multilayer films'],
    decisions: [
      'Recommend detectable colours instead of carbon black for trays.',
      'Work with the sorting plants on the detectability of sleeves.',
    ],
    commitments: [{ title: 'Test detectable black colourants at two sorting plants', days: 120, outcome: 'done' }],
  },
  {
    group: 'construction',
    start: '2019-11-19T08:30:00Z',
    title: 'Construction: standards and legacy additives',
    purpose: 'How can recycled PVC with legacy additives be used safely?',
    place: 'Madou Plaza, 25th floor, Brussels',
    script: 'fishbowl',
    summary:
      'A fishbowl on legacy additives, with recyclers, a public authority and a trade union in the inner circle.',
    themes: ['legacy additives', 'worker safety in recycling plants', 'traceability of recycled PVC'],
    decisions: ['Propose a traceability scheme for recycled PVC.', 'Meet the standardisation bodies in January.'],
    commitments: [{ title: 'Propose a traceability scheme for recycled PVC', days: 120, outcome: 'done' }],
  },
  {
    group: 'automotive',
    start: '2019-11-21T09:00:00Z',
    title: 'Automotive: post-shredder sorting',
    purpose: 'What can post-shredder sorting deliver, in quality and in tonnes?',
    place: 'Online',
    script: 'fishbowl',
    summary: 'Sorting plants showed the grades they can deliver; carmakers said which they could use.',
    themes: ['density and colour sorting', 'polypropylene quality from shredder residue', 'volumes per country'],
    decisions: ['Run a pilot of recycled PP from shredder residue in two interior parts.'],
    commitments: [
      { title: 'Run a pilot of recycled PP from shredder residue in interior parts', days: 180, outcome: 'done' },
    ],
  },
  {
    group: 'electrical-electronic-equipment',
    start: '2019-11-26T08:00:00Z',
    title: 'Electrical and electronic equipment: demand for recyclates',
    purpose: 'Which recycled grades would equipment makers buy, and on what terms?',
    place: 'Covent Garden, room 2, Brussels',
    script: 'world_cafe',
    summary: 'Equipment makers and recyclers worked through specifications table by table.',
    themes: ['specifications', 'supply contracts over several years', 'colour and odour'],
    decisions: ['Publish a common specification sheet for recycled ABS and PS.'],
    commitments: [{ title: 'Publish a common specification sheet for recycled ABS and PS', days: 90, outcome: 'done' }],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-11-28T08:00:00Z',
    title: 'Monitoring: the reporting template',
    purpose: 'What should each signatory report, and how often?',
    place: 'Berlaymont, room S3, Brussels',
    script: 'open_space',
    summary: 'Sessions on each part of the reporting template, proposed and hosted by the participants.',
    themes: ['reporting by polymer', 'confidentiality of company figures', 'annual or quarterly reporting'],
    decisions: [
      'Report once a year, by polymer and application, with company figures kept confidential.',
      'Test the template with ten signatories before the first campaign.',
    ],
    commitments: [{ title: 'Test the reporting template with ten signatories', days: 60, outcome: 'done' }],
  },
  {
    group: 'agriculture',
    start: '2019-12-03T08:30:00Z',
    title: 'Agriculture: from collection to new products',
    purpose: 'Which farm products can be made from collected films and pipes?',
    place: 'Copa-Cogeca House, Brussels',
    script: 'open_space',
    summary: 'Recyclers and farm-product makers matched collected materials with products.',
    themes: ['irrigation pipes', 'silage film with recycled content', 'quality of washed film'],
    decisions: ['Start a pilot of silage film with 30 % recycled content.'],
    commitments: [{ title: 'Run a pilot of silage film with 30 % recycled content', days: 200, outcome: 'dropped' }],
  },
  {
    group: 'packaging',
    start: '2019-12-10T08:00:00Z',
    title: 'Packaging: flexible films',
    purpose: 'How can more household flexible films be collected, sorted and recycled?',
    place: 'Albert Borschette Conference Centre, room 1A, Brussels',
    script: 'fishbowl',
    summary: 'A fishbowl with collectors, sorters and two retailers on household films.',
    themes: ['separate collection of films', 'sorting mono- and multilayer films', 'end markets for recycled LDPE'],
    decisions: ['Ask every member state’s collection scheme for film-sorting figures.'],
    commitments: [{ title: 'Gather film-sorting figures from the collection schemes', days: 90, outcome: 'done' }],
  },
  {
    group: 'monitoring-data-collection',
    start: '2019-12-12T08:00:00Z',
    title: 'Monitoring: the first campaign',
    purpose: 'What must be ready before the first reporting campaign opens?',
    place: 'Online',
    script: 'circle',
    summary: 'The group went through what the first campaign needs, and who prepares each part.',
    themes: ['a help desk for signatories', 'checks on implausible figures', 'what is published and when'],
    decisions: [
      'Open the first campaign in spring 2020 for the year 2019.',
      'Publish totals only, never a single company’s figures.',
    ],
    commitments: [{ title: 'Prepare the help desk for the first reporting campaign', days: 90, outcome: 'done' }],
  },
];
