import { describe, expect, it } from 'vitest';
import { declarationPlainText, parseDeclarationMarkdown, parseInline, plainTextOf } from './declaration-markdown.ts';

describe('parseDeclarationMarkdown', () => {
  it('splits paragraphs at blank lines and keeps numbered items as a list, also right after a line', () => {
    const text =
      'We, the signatories, work along the value chain.\n\n' +
      'As an alliance we commit to two deliverables:\n1. A work plan, by 31 March 2020.\n2. An agenda, by 30 June 2020.\n\n' +
      'This declaration does not create legal obligations.';
    expect(parseDeclarationMarkdown(text)).toEqual([
      { kind: 'paragraph', spans: [{ text: 'We, the signatories, work along the value chain.' }] },
      { kind: 'paragraph', spans: [{ text: 'As an alliance we commit to two deliverables:' }] },
      {
        kind: 'list',
        isOrdered: true,
        items: [
          { label: '1.', spans: [{ text: 'A work plan, by 31 March 2020.' }] },
          { label: '2.', spans: [{ text: 'An agenda, by 30 June 2020.' }] },
        ],
      },
      { kind: 'paragraph', spans: [{ text: 'This declaration does not create legal obligations.' }] },
    ]);
  });

  it('reads headings, bullets, single line breaks and Windows line ends', () => {
    expect(
      parseDeclarationMarkdown('# Preamble\r\nFirst line\r\nsecond line\r\n\r\n- one\r\n* two\r\n## Commitments ##'),
    ).toEqual([
      { kind: 'heading', level: 1, spans: [{ text: 'Preamble' }] },
      { kind: 'paragraph', spans: [{ text: 'First line\nsecond line' }] },
      {
        kind: 'list',
        isOrdered: false,
        items: [
          { label: '•', spans: [{ text: 'one' }] },
          { label: '•', spans: [{ text: 'two' }] },
        ],
      },
      { kind: 'heading', level: 2, spans: [{ text: 'Commitments' }] },
    ]);
  });

  it('keeps HTML as the characters typed: no markup but its own', () => {
    const [block] = parseDeclarationMarkdown('<script>alert(1)</script> <b>bold</b> <img src=x onerror=alert(1)>');
    expect(block).toEqual({
      kind: 'paragraph',
      spans: [{ text: '<script>alert(1)</script> <b>bold</b> <img src=x onerror=alert(1)>' }],
    });
  });
});

describe('parseInline', () => {
  it('reads strong, emphasis and links to http(s) and mailto only', () => {
    expect(
      parseInline('We **commit** to *act*, see [the plan](https://example.org/plan) or [write](mailto:a@b.example).'),
    ).toEqual([
      { text: 'We ' },
      { text: 'commit', isStrong: true },
      { text: ' to ' },
      { text: 'act', isEmphasis: true },
      { text: ', see ' },
      { text: 'the plan', href: 'https://example.org/plan' },
      { text: ' or ' },
      { text: 'write', href: 'mailto:a@b.example' },
      { text: '.' },
    ]);
  });

  it('leaves a link to any other scheme, and markers that do not pair, as text', () => {
    expect(parseInline('[click](javascript:alert(1)) 5 * 3 = 15 and a_b_c')).toEqual([
      { text: '[click](javascript:alert(1)) 5 * 3 = 15 and a_b_c' },
    ]);
  });

  it('gives plain text with link addresses for readers without emphasis', () => {
    expect(plainTextOf(parseInline('**Read** [the plan](https://example.org/plan).'))).toBe(
      'Read the plan (https://example.org/plan).',
    );
  });
});

describe('declarationPlainText', () => {
  it('drops the markup, keeping headings, paragraphs and list items as lines', () => {
    expect(declarationPlainText('# We sign\n\nWe **commit**:\n1. to *act*\n2. to report')).toBe(
      'We sign\n\nWe commit:\n\n1. to act\n2. to report',
    );
  });
});
