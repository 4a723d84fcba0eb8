import { describe, expect, it } from 'vitest';
import { diffWords } from './text-diff.ts';

const side = (changes: ReturnType<typeof diffWords>, kind: 'removed' | 'added') =>
  changes
    .filter((c) => c.kind === 'same' || c.kind === kind)
    .map((c) => c.text)
    .join('');

describe('diffWords', () => {
  it('marks the words removed and added between two versions, the rest the same', () => {
    expect(diffWords('by 2025 at least 10 million tonnes', 'by 2030 at least 12 million tonnes')).toEqual([
      { kind: 'same', text: 'by ' },
      { kind: 'removed', text: '2025' },
      { kind: 'added', text: '2030' },
      { kind: 'same', text: ' at least ' },
      { kind: 'removed', text: '10' },
      { kind: 'added', text: '12' },
      { kind: 'same', text: ' million tonnes' },
    ]);
  });

  it('answers one unchanged text as the same, and a text from nothing as added', () => {
    expect(diffWords('We sign.', 'We sign.')).toEqual([{ kind: 'same', text: 'We sign.' }]);
    expect(diffWords('', 'We sign.')).toEqual([{ kind: 'added', text: 'We sign.' }]);
  });

  it('gives back both texts whole, whatever the edits (random texts)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const words = ['the', 'alliance', 'tonnes', '\n\n', ' ', 'pledge', '2030', 'ünïcode', '*strong*'];
    const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
    for (let i = 0; i < 200; i++) {
      const before = text(Math.floor(random() * 40));
      const after = random() < 0.5 ? text(Math.floor(random() * 40)) : before.replace(/tonnes/g, 'kilotonnes');
      const changes = diffWords(before, after);
      expect(side(changes, 'removed')).toBe(before);
      expect(side(changes, 'added')).toBe(after);
    }
  });

  it('past the edit limit, answers the old text removed and the new one added', () => {
    const before = Array.from({ length: 50 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 50 }, (_, i) => `b${i}`).join(' ');
    expect(diffWords(before, after, { maxEdits: 10 })).toEqual([
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ]);
  });
});
