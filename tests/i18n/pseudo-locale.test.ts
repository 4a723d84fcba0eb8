import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareMessageCatalogue, type MessageCatalogue } from './catalogue-check.ts';
import { PSEUDO_LOCALE, pseudoCatalogue, pseudoText } from './pseudo-locale.ts';

const english = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../frontend/portal/messages/en.json'), 'utf8'),
) as MessageCatalogue;

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders, and is 40 % longer, between brackets', () => {
    const text = pseudoText('Sign the declaration for {organisation}');
    expect(text).toMatch(/^⟦Šíĝñ ţĥé đéçĺáŕáţíöñ ƒöŕ \{organisation\}.+⟧$/u);
    expect(text).not.toMatch(/[A-Za-z]{2,}(?![^{]*\})/);
    const letters = 'Sign the declaration for '.length;
    expect(text.length - '{organisation}'.length - 2).toBe(letters + Math.ceil(letters * 0.4));
  });

  it('is a catalogue the catalogue rules accept against English: same keys, placeholders and variants', () => {
    const pseudo = pseudoCatalogue(english);
    expect(compareMessageCatalogue('portal', PSEUDO_LOCALE, english, pseudo)).toEqual([]);
    expect(Object.keys(pseudo)).toEqual(Object.keys(english));
  });
});
