import { describe, expect, it } from 'vitest';
import { parseDeclarationText } from './declaration-text.ts';

describe(parseDeclarationText.name, () => {
  it('splits paragraphs at blank lines and keeps numbered items as a list', () => {
    const text =
      'We, the signatories, work along the value chain.\n\n' +
      'As an alliance we commit to two deliverables:\n1. A work plan, by 31 March 2020.\n2. An agenda, by 30 June 2020.\n\n' +
      'This declaration does not create legal obligations.';
    expect(parseDeclarationText(text)).toEqual([
      { kind: 'paragraph', text: 'We, the signatories, work along the value chain.' },
      { kind: 'paragraph', text: 'As an alliance we commit to two deliverables:' },
      {
        kind: 'list',
        items: [
          { label: '1.', text: 'A work plan, by 31 March 2020.' },
          { label: '2.', text: 'An agenda, by 30 June 2020.' },
        ],
      },
      { kind: 'paragraph', text: 'This declaration does not create legal obligations.' },
    ]);
  });

  it('draws dashes as bullets, keeps single line breaks, and accepts Windows line ends', () => {
    expect(parseDeclarationText('First line\r\nsecond line\r\n\r\n- one\r\n* two')).toEqual([
      { kind: 'paragraph', text: 'First line\nsecond line' },
      {
        kind: 'list',
        items: [
          { label: '•', text: 'one' },
          { label: '•', text: 'two' },
        ],
      },
    ]);
  });
});
