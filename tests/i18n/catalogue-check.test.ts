import { describe, expect, it } from 'vitest';
import { compareMessageCatalogue, compareShownValues, placeholdersOf } from './catalogue-check.ts';

const plural = (one: string, other: string, extra: Record<string, string> = {}) => [
  {
    declarations: ['input count', 'input countText', 'local countPlural = count: plural'],
    selectors: ['countPlural'],
    match: { 'countPlural=one': one, 'countPlural=other': other, ...extra },
  },
];

const english = {
  $schema: 'https://inlang.com/schema/inlang-message-format',
  greeting: 'Hello {name}',
  plain: 'Signatories',
  count: plural('{countText} signatory', '{countText} signatories'),
};

describe('[I18N] compareMessageCatalogue', () => {
  it('accepts a faithful translation, with French plural categories', () => {
    const french = {
      greeting: 'Bonjour {name}',
      plain: 'Signataires',
      count: plural('{countText} signataire', '{countText} signataires', {
        'countPlural=many': '{countText} de signataires',
      }),
    };
    expect(compareMessageCatalogue('portal', 'fr', english, french)).toEqual([]);
  });

  it('names a missing key and an unknown one', () => {
    const german = { greeting: 'Hallo {name}', plains: 'Unterzeichner', count: english.count };
    expect(compareMessageCatalogue('portal', 'de', english, german)).toEqual([
      'portal de: missing key plain',
      'portal de: unknown key plains',
    ]);
  });

  it('names placeholders that differ from English', () => {
    const german = { greeting: 'Hallo {nom}', plain: 'Unterzeichner', count: english.count };
    expect(compareMessageCatalogue('portal', 'de', english, german)).toEqual([
      'portal de: greeting: placeholders {nom} differ from English {name}',
    ]);
  });

  it('names a plural message turned into text, other declarations, an unknown variable and a lost one', () => {
    const german = {
      greeting: 'Hallo {name}',
      plain: 'Unterzeichner',
      count: [
        {
          declarations: ['input count', 'local countPlural = count: plural'],
          selectors: ['countPlural'],
          match: { 'countPlural=one': 'ein {thing}', 'countPlural=other': 'viele' },
        },
      ],
    };
    expect(compareMessageCatalogue('portal', 'de', english, german)).toEqual([
      'portal de: count: declarations [input count; local countPlural = count: plural] differ from English [input count; input countText; local countPlural = count: plural]',
      'portal de: count: branch countPlural=one uses {thing}, which English never does',
      'portal de: count: no branch shows {countText}, which English shows',
    ]);
    expect(compareMessageCatalogue('portal', 'de', english, { ...german, count: 'Unterzeichner' })).toEqual([
      'portal de: count: is not a message (text, or one variant message) like English',
    ]);
  });

  it('requires a branch for every plural category of the locale, and none the locale lacks', () => {
    // French counts a million as `many`: without that branch, "1 000 000 signataires" would show the key.
    const french = {
      ...english,
      greeting: 'Bonjour {name}',
      count: plural('{countText} signataire', '{countText} signataires'),
    };
    expect(compareMessageCatalogue('portal', 'fr', english, french)).toEqual([
      'portal fr: count: no branch for the plural category countPlural=many of fr',
    ]);
    const german = {
      ...english,
      count: plural('{countText} a', '{countText} b', { 'countPlural=few': '{countText} c' }),
    };
    expect(compareMessageCatalogue('portal', 'de', english, german)).toEqual([
      'portal de: count: branch countPlural=few is not a plural category of de',
    ]);
  });

  it('names an empty translation', () => {
    expect(compareMessageCatalogue('pdf', 'de', english, { ...english, plain: ' ' })).toEqual([
      'pdf de: plain: is empty',
    ]);
  });
});

describe('[I18N] compareShownValues', () => {
  it('finds numbers whatever the locale groups them with, and names a value lost or added', () => {
    const values = ['Orgxq', '98765.4', '2031'];
    expect(compareShownValues('x', values, 'Orgxq: 98,765.4 t in 2031', 'Orgxq : 98\u202f765,4 t en 2031')).toEqual([]);
    expect(compareShownValues('x', values, 'Orgxq: 98,765.4 t', 'Orgxq : 2031')).toEqual([
      'x: does not show 98765.4, which English shows',
      'x: shows 2031, which English does not',
    ]);
  });

  it('reads placeholders once each, in order', () => {
    expect(placeholdersOf('{b} and {a} and {b}')).toEqual(['a', 'b']);
  });
});
