/** A declaration text as blocks to typeset: plain paragraphs, and numbered or bulleted lists. */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: ListItem[] };

export interface ListItem {
  /** '1.', '•' */
  label: string;
  text: string;
}

const LIST_ITEM = /^\s*(\d{1,3}[.)]|[-•*])\s+(.*)$/;

/**
 * Splits a declaration text as the secretariat typed it: paragraphs separated by blank lines, list items on
 * lines of their own ('1. …', '- …'). Nothing is reworded (the register keeps the exact text and its SHA-256):
 * only list markers become labels, a dash or star drawn as a bullet, and blank lines become spacing.
 */
export function parseDeclarationText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let lines: string[] = [];
    let items: ListItem[] = [];
    const flushLines = () => {
      if (lines.length > 0) blocks.push({ kind: 'paragraph', text: lines.join('\n') });
      lines = [];
    };
    const flushItems = () => {
      if (items.length > 0) blocks.push({ kind: 'list', items });
      items = [];
    };
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      const match = LIST_ITEM.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) {
        flushLines();
        items.push({ label: match[1] === '*' || match[1] === '-' ? '•' : match[1], text: match[2] });
      } else {
        flushItems();
        lines.push(line.trim());
      }
    }
    flushLines();
    flushItems();
  }
  return blocks;
}
