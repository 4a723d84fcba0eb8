import { parseDeclarationMarkdown, plainTextOf } from '@concord/schema/values';
import type { EmailBlock, EmailContent } from './email-content.ts';

// Plain-text mail reads best in short lines (RFC 3676 suggests under 78 characters).
const width = 72;

/** The text alternative: the same blocks as the HTML part, with every link written out in full. */
export function renderText(content: EmailContent): string {
  const body = content.body.map(textOf).join('\n\n');
  const footer = content.footer.map(textOf).join('\n\n');
  // "-- " on its own line is the conventional signature separator: clients dim what follows.
  return `${body}\n\n-- \n${footer}\n`;
}

function textOf(block: EmailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return wrap(block.text, width);
    case 'quote':
      return wrap(block.text, width - 4)
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
    case 'action':
      // The fallback sentence only explains the button in HTML; in text the address is the whole action.
      return `${block.label}:\n${block.url}`;
    case 'link':
      return `${block.label}:\n${block.url}`;
    case 'markdown':
      return parseDeclarationMarkdown(block.text)
        .map((part) => {
          if (part.kind === 'heading') return wrap(plainTextOf(part.spans), width);
          if (part.kind === 'paragraph') return wrap(plainTextOf(part.spans), width);
          return part.items.map((item) => wrap(`${item.label} ${plainTextOf(item.spans)}`, width)).join('\n');
        })
        .join('\n\n');
  }
}

/** Greedy word wrap; a word longer than the line (a URL) keeps a line of its own rather than being broken. */
export function wrap(text: string, lineWidth: number): string {
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      // Only ordinary spaces break: a no-break space holds a figure to its unit (`12 500 t`, `7 Tagen`).
      for (const word of line.split(/[ \t]+/).filter((w) => w !== '')) {
        if (current === '') current = word;
        else if (current.length + 1 + word.length <= lineWidth) current += ` ${word}`;
        else {
          lines.push(current);
          current = word;
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
