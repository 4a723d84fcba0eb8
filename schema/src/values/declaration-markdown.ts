/**
 * A declaration's text is Markdown, of a small kind: paragraphs, headings (`#`, `##`, `###`), numbered and bulleted
 * lists, **strong** and *emphasis*, and links to http(s) and mailto addresses. It is parsed into blocks that the
 * portal renders as elements and the PDF typesets; nothing the secretariat types becomes markup any other way, so
 * HTML in the text is shown as the characters it is (sanitised by construction, without an HTML sanitiser to keep
 * up to date). Nothing is reworded: the register keeps the exact text and its SHA-256.
 */

export interface InlineSpan {
  text: string;
  isStrong?: boolean;
  isEmphasis?: boolean;
  /** http:, https: or mailto: only. */
  href?: string;
}

export type DeclarationBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; spans: InlineSpan[] }
  | { kind: 'paragraph'; spans: InlineSpan[] }
  | { kind: 'list'; isOrdered: boolean; items: { label: string; spans: InlineSpan[] }[] };

const HEADING = /^(#{1,3})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(\d{1,3}[.)]|[-•*+])\s+(.*)$/;

export function parseDeclarationMarkdown(text: string): DeclarationBlock[] {
  const blocks: DeclarationBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let lines: string[] = [];
    let list: Extract<DeclarationBlock, { kind: 'list' }> | null = null;
    const flushLines = () => {
      if (lines.length > 0) blocks.push({ kind: 'paragraph', spans: parseInline(lines.join('\n')) });
      lines = [];
    };
    const flushList = () => {
      if (list) blocks.push(list);
      list = null;
    };
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      const heading = HEADING.exec(line);
      const item = LIST_ITEM.exec(line);
      if (heading?.[1] && heading[2] !== undefined) {
        flushLines();
        flushList();
        blocks.push({ kind: 'heading', level: heading[1].length as 1 | 2 | 3, spans: parseInline(heading[2]) });
      } else if (item?.[1] !== undefined && item[2] !== undefined) {
        flushLines();
        const isOrdered = /\d/.test(item[1]);
        if (list && (list as { isOrdered: boolean }).isOrdered !== isOrdered) flushList();
        list ??= { kind: 'list', isOrdered, items: [] };
        (list as Extract<DeclarationBlock, { kind: 'list' }>).items.push({
          label: isOrdered ? item[1] : '•',
          spans: parseInline(item[2]),
        });
      } else {
        flushList();
        lines.push(line.trim());
      }
    }
    flushLines();
    flushList();
  }
  return blocks;
}

const SAFE_HREF = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i;

/** `**strong**`, `*emphasis*` (or `_emphasis_`), `[text](href)`; anything else, markers that do not pair included, is text. */
export function parseInline(text: string): InlineSpan[] {
  const spans: InlineSpan[] = [];
  const push = (span: InlineSpan) => {
    if (span.text === '') return;
    const last = spans.at(-1);
    if (last && !last.href && !span.href && last.isStrong === span.isStrong && last.isEmphasis === span.isEmphasis) {
      last.text += span.text;
    } else spans.push(span);
  };
  const pattern =
    /\*\*(\S(?:[^*]*?\S)?)\*\*|(?<![\w*])[*_](\S(?:[^*_]*?\S)?)[*_](?![\w*])|\[([^\]\n]+)\]\(([^)\s]+)\)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, strong, emphasis, linkText, href] = match;
    const index = match.index ?? 0;
    if (linkText !== undefined && href !== undefined && !SAFE_HREF.test(href)) continue;
    push({ text: text.slice(at, index) });
    if (strong !== undefined) push({ text: strong, isStrong: true });
    else if (emphasis !== undefined) push({ text: emphasis, isEmphasis: true });
    else if (linkText !== undefined && href !== undefined) spans.push({ text: linkText, href });
    at = index + whole.length;
  }
  push({ text: text.slice(at) });
  return spans.map((span) => Object.fromEntries(Object.entries(span).filter(([, v]) => v !== undefined)) as InlineSpan);
}

/** The spans as plain text, for a reader that has no emphasis (a link keeps its address beside its text). */
export function plainTextOf(spans: readonly InlineSpan[]): string {
  return spans
    .map((s) => (s.href && s.href !== s.text ? `${s.text} (${s.href.replace(/^mailto:/i, '')})` : s.text))
    .join('');
}

/** The whole text without its markup (headings, paragraphs and list items as lines): for excerpts and search. */
export function declarationPlainText(text: string): string {
  return parseDeclarationMarkdown(text)
    .map((block) =>
      block.kind === 'list'
        ? block.items.map((item) => `${item.label} ${plainTextOf(item.spans)}`).join('\n')
        : plainTextOf(block.spans),
    )
    .join('\n\n');
}
