import { wallClock } from '@concord/schema/values';
import type { RunSheetCommitment, RunSheetData, RunSheetItem, RunSheetMethod } from './document-data.ts';
import { DocumentPage } from './document-page.ts';
import { isoDate, longDateIn } from './formats.ts';
import { type DocumentMessageKey, documentMessages } from './locales/index.ts';
import { COLOR, CONTENT_WIDTH, STYLE } from './page-style.ts';
import { collectPdf, createPdfDocument } from './pdf-document.ts';
import { addGroup } from './tagging.ts';

/** The sheet's title in its language: "Run sheet: <meeting>". */
export function runSheetTitle(data: Pick<RunSheetData, 'meeting' | 'language'>): string {
  return documentMessages(data.language)('runsheet_document_title', { title: data.meeting.title });
}

/** The method's name in the sheet's language. */
export function methodName(method: RunSheetMethod, language: string): string {
  return documentMessages(language)(`runsheet_method_${method.toLowerCase()}` as DocumentMessageKey);
}

/** The method's short instructions for its hosts, in the sheet's language. */
export function methodInstructions(method: RunSheetMethod, language: string): string {
  return documentMessages(language)(`runsheet_instructions_${method.toLowerCase()}` as DocumentMessageKey);
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * The run sheet of a meeting, for its hosting team: the meeting (title, purpose, day, time and place on the
 * meeting's clock), the script at a glance as a table, then each item minute by minute with its hosts, question,
 * materials and the method's short instructions; items that run past the meeting's end are flagged. A working
 * paper, so it carries no audit log head and is not registered; resolves with the whole file (it is small: at
 * most 100 items).
 */
export function renderRunSheet(data: RunSheetData): Promise<Buffer> {
  const { meeting } = data;
  const t = documentMessages(data.language);
  const date = longDateIn(meeting.startsAt, data.language, meeting.timeZone);
  const doc = createPdfDocument({
    title: runSheetTitle(data),
    subject: t('runsheet_subject', { title: meeting.title, date }),
    keywords: [t('runsheet_keyword'), data.alliance.name, meeting.title],
    language: data.language,
    createdAt: data.generatedAt,
  });
  const done = collectPdf(doc);
  const page = new DocumentPage(doc, data.language, {
    lead: runSheetTitle(data),
    tail: t('runsheet_footer_tail', { date: isoDate(data.generatedAt) }),
  });
  drawFront(page, data, date);
  drawGlance(page, data);
  drawItems(page, data);
  page.root.end();
  doc.end();
  return done;
}

function drawFront(page: DocumentPage, data: RunSheetData, date: string): void {
  const { meeting } = data;
  const { t, root } = page;
  const clock = (instant: Date) => clockIn(instant, meeting.timeZone);
  const context = data.workingGroup
    ? t('runsheet_group', { group: data.workingGroup.name, alliance: data.alliance.name })
    : t('runsheet_plenary', { alliance: data.alliance.name });
  page.text(root, 'P', context, STYLE.eyebrow, { gap: 6 });
  page.text(root, 'H1', runSheetTitle(data), { ...STYLE.title, size: 20 }, { gap: 4 });
  page.text(root, 'P', t('runsheet_for_hosts'), STYLE.small, { gap: 12 });

  const facts = addGroup(page.doc, root, 'L');
  page.item(facts, t('runsheet_purpose'), meeting.purpose);
  page.item(facts, t('runsheet_date'), date);
  page.item(
    facts,
    t('runsheet_time'),
    t('runsheet_time_value', { start: clock(meeting.startsAt), end: clock(meeting.endsAt), zone: meeting.timeZone }),
  );
  if (meeting.place) page.item(facts, t('runsheet_place'), meeting.place);
  if (meeting.onlineUrl) page.item(facts, t('runsheet_online'), meeting.onlineUrl);
  const scriptMinutes = data.items.reduce((sum, item) => sum + item.durationMinutes, 0);
  page.item(
    facts,
    t('runsheet_length'),
    t('runsheet_length_value', { meeting: minutesBetween(meeting.startsAt, meeting.endsAt), script: scriptMinutes }),
  );
  facts.end();

  const overrun = scriptMinutes - minutesBetween(meeting.startsAt, meeting.endsAt);
  if (overrun > 0) {
    page.doc.y += 4;
    page.text(
      root,
      'P',
      t('runsheet_overrun', { minutes: overrun, time: clock(meeting.endsAt) }),
      { ...STYLE.body, face: 'bold', color: COLOR.accent },
      { gap: 4 },
    );
  }
  page.doc.y += 10;
}

/** Every item on one line, with its clock times: the table the hosts glance at during the meeting. */
function drawGlance(page: DocumentPage, data: RunSheetData): void {
  const { meeting } = data;
  const { t, language } = page;
  const section = page.section();
  page.text(section, 'H2', t('runsheet_glance_heading'), STYLE.heading, { gap: 4, keepWith: 60 });
  if (data.items.length === 0) {
    page.text(section, 'P', t('runsheet_empty'), STYLE.body, { gap: 8 });
    section.end();
    return;
  }
  page.caption(section, t('runsheet_glance_caption', { zone: meeting.timeZone }));
  page.table(
    section,
    [
      { header: t('runsheet_column_time'), width: 82 },
      { header: t('runsheet_column_item'), width: CONTENT_WIDTH - 82 - 130 - 56 },
      { header: t('runsheet_column_method'), width: 130 },
      { header: t('runsheet_column_duration'), width: 56, align: 'right' },
    ],
    data.items.map((item) => [
      span(item, meeting.timeZone) + (item.endsAt > meeting.endsAt ? ` (${t('runsheet_past_end_mark')})` : ''),
      item.title,
      methodName(item.method, language),
      String(item.durationMinutes),
    ]),
  );
  page.doc.y += 14;
  section.end();
}

/** Each item in full: what the hosts need at the moment it starts. */
function drawItems(page: DocumentPage, data: RunSheetData): void {
  const { meeting } = data;
  const { t, language } = page;
  if (data.items.length === 0) return;
  const section = page.section();
  page.text(section, 'H2', t('runsheet_items_heading'), STYLE.heading, { gap: 6, keepWith: 80 });
  for (const item of data.items) {
    const part = addGroup(page.doc, section, 'Sect');
    const start = clockIn(item.startsAt, meeting.timeZone);
    const end = clockIn(item.endsAt, meeting.timeZone);
    page.text(part, 'H3', t('runsheet_item_heading', { start, end, title: item.title }), STYLE.subheading, {
      gap: 4,
      keepWith: 60,
    });
    const past = minutesBetween(meeting.endsAt, item.endsAt);
    if (past > 0) {
      const time = clockIn(meeting.endsAt, meeting.timeZone);
      page.text(part, 'P', t('runsheet_item_past_end', { minutes: Math.min(past, item.durationMinutes), time }), {
        ...STYLE.body,
        face: 'bold',
        color: COLOR.accent,
      });
    }
    const facts = addGroup(page.doc, part, 'L');
    page.item(facts, t('runsheet_item_duration'), t('runsheet_item_minutes', { minutes: item.durationMinutes }));
    page.item(facts, t('runsheet_item_method'), methodName(item.method, language));
    if (item.hosts) page.item(facts, t('runsheet_item_hosts'), item.hosts);
    if (item.question) page.item(facts, t('runsheet_item_question'), item.question);
    if (item.materials) page.item(facts, t('runsheet_item_materials'), item.materials);
    page.item(facts, t('runsheet_item_how'), methodInstructions(item.method, language));
    facts.end();
    if (item.openCommitments) drawCommitments(page, part, item.openCommitments);
    page.doc.y += 8;
    part.end();
  }
  section.end();
}

/** Under an item that reviews them: the commitments to go through, as a table the hosts tick off. */
function drawCommitments(
  page: DocumentPage,
  parent: PDFKit.PDFStructureElement,
  commitments: readonly RunSheetCommitment[],
): void {
  const { t } = page;
  page.doc.y += 4;
  page.text(parent, 'H4', t('runsheet_item_commitments'), STYLE.body, { gap: 3, keepWith: 40 });
  if (commitments.length === 0) {
    page.text(parent, 'P', t('runsheet_item_commitments_none'), STYLE.body, { gap: 4 });
    return;
  }
  page.table(
    parent,
    [
      { header: t('runsheet_column_commitment'), width: CONTENT_WIDTH - 150 - 70 - 72 },
      { header: t('runsheet_column_taskholder'), width: 150 },
      { header: t('runsheet_column_deadline'), width: 70 },
      { header: t('runsheet_column_status'), width: 72 },
    ],
    commitments.map((c) => [
      c.title,
      c.taskholder,
      c.deadline,
      t(`runsheet_commitment_status_${c.status.toLowerCase()}` as DocumentMessageKey),
    ]),
  );
}

/** "09:30" on the meeting's clock. */
const clockIn = (instant: Date, timeZone: string) => wallClock(instant, timeZone).slice(11);

/** "09:30–09:50" on the meeting's clock. */
const span = (item: RunSheetItem, timeZone: string) =>
  `${clockIn(item.startsAt, timeZone)}–${clockIn(item.endsAt, timeZone)}`;
