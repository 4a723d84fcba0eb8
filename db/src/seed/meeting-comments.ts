/** What the public wrote on the demo meetings' minutes, and how the chair moderated it. Fictional content. */

/** People who read the minutes and wrote in: no organisation, as anyone may. */
export const READERS = [
  { name: 'Ingrid Vos', email: 'ingrid.vos@example.net' },
  { name: 'Tomasz Nowicki', email: 'tomasz.nowicki@example.net' },
  { name: 'Lucía Ferrer', email: 'lucia.ferrer@example.net' },
];

export interface CommentSpec {
  meeting: number;
  /** The decision (0 for the first), or null for the minutes as a whole. */
  decision: number | null;
  reader: number;
  text: string;
  status: 'published' | 'answered' | 'hidden';
  answer?: string;
  reason?: string;
}

export const COMMENTS: readonly CommentSpec[] = [
  {
    meeting: 0,
    decision: 0,
    reader: 0,
    text: 'Will the guidelines cover trays made of several materials? They are the ones our local sorting plant rejects.',
    status: 'answered',
    answer: 'Yes: multi-material trays get their own chapter, drafted with two sorting plants.',
  },
  {
    meeting: 0,
    decision: 1,
    reader: 1,
    text: 'Please publish the sorting-capacity figures by country, not only the European total.',
    status: 'published',
  },
  {
    meeting: 5,
    decision: 0,
    reader: 2,
    text: 'How will you avoid counting the same tonne twice when a recycler sells to a converter who sells to a brand?',
    status: 'answered',
    answer:
      'Only the organisation that puts the recycled material into a new product reports it; the others report nothing for that tonne.',
  },
  {
    meeting: 6,
    decision: null,
    reader: 1,
    text: 'Best prices for certified recyclate, delivered anywhere in Europe: write to our sales team today!',
    status: 'hidden',
    reason: 'Advertising: comments are for questions and input on the minutes.',
  },
  {
    meeting: 6,
    decision: 0,
    reader: 0,
    text: 'Good to see carbon black addressed. Consumers notice black trays disappearing only if someone tells them why.',
    status: 'published',
  },
  {
    meeting: 10,
    decision: 0,
    reader: 2,
    text: 'Is there a way for small companies to report without hiring a consultant?',
    status: 'answered',
    answer:
      'Yes: the template has a short form for small and medium-sized companies, and the help desk fills it in with them.',
  },
  {
    meeting: 13,
    decision: 1,
    reader: 1,
    text: 'Totals only is right. Will the totals be broken down by polymer?',
    status: 'answered',
    answer: 'By polymer and by application, wherever at least three signatories report.',
  },
];
