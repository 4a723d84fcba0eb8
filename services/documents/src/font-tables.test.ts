import { describe, expect, it } from 'vitest';
import type { ContextTable, FontkitFont, Lookup, SubTable } from './font-tables.ts';
import { WordShaper } from './word-shaping.ts';

/**
 * The decisions DejaVu Sans cannot exercise, on fonts made of hand-built tables in fontkit's parsed shape: a glyph is
 * its character's code, 500 units wide. What fontkit would do with each is read from its OTProcessor (fontkit 2.0.4):
 * a lookup applies once for each time the plan names it; a contextual lookup acts only where its whole rule matches; a
 * reverse chaining substitution (GSUB type 8) makes it throw; a morx table sends it to its AAT engine; without a GPOS
 * kern feature it kerns from the old kern table.
 */
const code = (c: string) => c.codePointAt(0) as number;
const coverage = (chars: string) => ({ version: 1 as const, glyphs: [...chars].map(code).sort((a, b) => a - b) });

function table(features: Record<string, Lookup[]>) {
  const lookups: Lookup[] = [];
  const featureList = Object.entries(features).map(([tag, list]) => ({
    tag,
    feature: {
      lookupListIndexes: list.map((lookup) => {
        const known = lookups.indexOf(lookup);
        return known >= 0 ? known : lookups.push(lookup) - 1;
      }),
    },
  }));
  return {
    scriptList: [{ tag: 'latn', script: { defaultLangSys: { featureIndexes: featureList.map((_, i) => i) } } }],
    featureList,
    lookupList: { get: (index: number) => lookups[index] as Lookup },
  };
}

const lookup = (lookupType: number, ...subTables: SubTable[]): Lookup => ({ lookupType, flags: {}, subTables });
/** A → V closer by 80 units (pair positioning, format 1). */
const kernAV = lookup(2, {
  version: 1,
  coverage: coverage('A'),
  pairSets: { get: () => [{ secondGlyph: code('V'), value1: { xAdvance: -80 }, value2: {} }] },
});

function font({
  gsub = {},
  gpos = { kern: [kernAV] },
  extra = {},
}: {
  gsub?: Record<string, Lookup[]>;
  gpos?: Record<string, Lookup[]>;
  extra?: Partial<FontkitFont>;
}): FontkitFont {
  return {
    layout: () => {
      throw new Error('the test font has no fontkit layout');
    },
    glyphsForString: (text) => [...text].map((c) => ({ id: code(c), advanceWidth: 500 })),
    GSUB: table(gsub),
    GPOS: table(gpos),
    GDEF: { glyphClassDef: { version: 2, classRangeRecord: [] } },
    ...extra,
  };
}

const advances = (shaper: WordShaper | null, text: string) =>
  shaper?.shape(text)?.positions.map((p) => p.xAdvance) ?? null;

describe('what the font’s tables let the short way do', () => {
  it('kerns a pair once for each time the plan names its lookup', () => {
    expect(advances(WordShaper.for(font({})), 'AVA')).toEqual([420, 500, 500]);
    const twice = font({ gpos: { kern: [kernAV, kernAV] } });
    expect(advances(WordShaper.for(twice), 'AV')).toEqual([340, 500]);
    const underTwoFeatures = font({ gpos: { kern: [kernAV], mark: [kernAV] } });
    expect(advances(WordShaper.for(underTwoFeatures), 'AV')).toEqual([340, 500]);
    // A feature fontkit's default shaper does not plan is not applied.
    expect(advances(WordShaper.for(font({ gpos: { kern: [kernAV], dist: [kernAV] } })), 'AV')).toEqual([420, 500]);
  });

  it('takes a contextual substitution into account only where its rule could match in the word', () => {
    // "i" becomes something else when an "x" follows (chaining context, format 3): the witness is a letter.
    const rule: ContextTable = {
      version: 3,
      backtrackCoverage: [],
      inputCoverage: [coverage('i')],
      lookaheadCoverage: [coverage('x')],
    };
    const dotless = lookup(6, rule);
    const shaper = WordShaper.for(font({ gsub: { ccmp: [dotless] } }));
    expect(advances(shaper, 'iron')).toEqual([500, 500, 500, 500]);
    expect(shaper?.shape('ixia')).toBeNull();
    // Anywhere in the word, not only next to it: the short way stays on the safe side.
    expect(shaper?.shape('xenia')).toBeNull();
  });

  it('refuses a glyph a plain substitution covers, and every word when a lookup is one fontkit cannot run', () => {
    const liga = lookup(4, { version: 1, coverage: coverage('f') });
    expect(WordShaper.for(font({ gsub: { liga: [liga] } }))?.shape('off')).toBeNull();
    expect(advances(WordShaper.for(font({ gsub: { liga: [liga] } })), 'AV')).toEqual([420, 500]);
    const reverse = lookup(8, { version: 1, coverage: coverage('q') });
    expect(WordShaper.for(font({ gsub: { calt: [reverse] } }))?.shape('AV')).toBeNull();
  });

  it('leaves to fontkit a font with morx, with variations, or that kerns from its kern table', () => {
    expect(WordShaper.for(font({ extra: { morx: {} } }))).toBeNull();
    expect(WordShaper.for(font({ extra: { fvar: {} } }))).toBeNull();
    const oldKern = font({ gpos: { mark: [] }, extra: { kern: {} } });
    expect(WordShaper.for(oldKern)?.shape('AV')).toBeNull();
    // Without a kern table, a GPOS without kerning is simply no kerning.
    expect(advances(WordShaper.for(font({ gpos: { mark: [] } })), 'AV')).toEqual([500, 500]);
  });
});
