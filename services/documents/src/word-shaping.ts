/// <reference path="./unicode-properties.d.ts" />
import { getScript } from 'unicode-properties';
import {
  type ClassDef,
  type Coverage,
  classOf,
  contextsIdle,
  coverageEntries,
  type FontkitFont,
  type FontkitGlyph,
  type PairValue,
  type ScriptPlan,
  type SubTable,
  scriptPlan,
  type ValueRecord,
} from './font-tables.ts';

/**
 * A shorter way to the same layout for plain words. PDFKit shapes every new word with fontkit, which runs the whole
 * OpenType machinery (a shaping plan, every substitution and positioning lookup of the script tried at every glyph):
 * for the declaration's 10,000 signatories that is a third of the rendering, some 6,000 distinct words. Most words
 * of organisation names are letters the font neither substitutes nor positions except by kerning pairs. For such a
 * word the result is fontkit's own without the machinery: the glyphs of the character map, their advances, plus the
 * adjustments of the script's pair-positioning lookups, applied as fontkit applies them (word-shaping.test.ts
 * compares both for every word of the synthetic signatories and every pair of letters, in both faces).
 *
 * A word takes the short way only when nothing else could apply, which is decided from the font's tables, not from a
 * list of characters that happen to be safe in DejaVu Sans:
 * - every character is in Latin, Greek or Cyrillic, or common to scripts (digits, punctuation), and none is a mark, a
 *   default-ignorable character, a variation selector or the fraction slash (which fontkit treats specially);
 * - no glyph is in the coverage of any substitution lookup fontkit would apply for the word's script, nor of any
 *   positioning lookup other than pair positioning (marks, cursive attachment, single adjustments); a contextual
 *   lookup counts only if the word also holds a glyph that one of the rules for its glyph needs at another position
 *   (DejaVu's `ccmp` turns "i" into a dotless "i" only before an accent);
 * - no glyph is a mark or a ligature in the font's glyph classes (pair lookups may skip those);
 * - the font has no variations and no AAT morx table (fontkit would use neither GSUB nor GPOS), and its pair lookups skip
 *   no base glyphs.
 * Anything else (and every call with features, a script or a language) goes to fontkit.
 */

/** fontkit's GlyphPosition, in font units: PDFKit scales every key of it. */
class Position {
  xAdvance: number;
  yAdvance = 0;
  xOffset = 0;
  yOffset = 0;
  constructor(xAdvance: number) {
    this.xAdvance = xAdvance;
  }
}

/** What PDFKit reads of fontkit's GlyphRun. */
class Run<P extends { xAdvance: number } = Position> {
  constructor(
    readonly glyphs: FontkitGlyph[],
    readonly positions: P[],
  ) {}
  /** As GlyphRun sums it: in order, after PDFKit has scaled the positions. */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** The scripts of fontkit's default shaper that a word may take the short way in, by Unicode script name. */
const SCRIPT_TAGS: Record<string, string> = { Latin: 'latn', Greek: 'grek', Cyrillic: 'cyrl' };
const NO_SCRIPT = new Set(['Common', 'Inherited', 'Unknown']);
/** fontkit's tag for a word with no script of its own (it then takes the font's default script). */
const UNKNOWN_TAG = 'zzzz';
const FRACTION_SLASH = 0x2044;

/** The parts of PDFKit's embedded font that the short way takes over (PDFKit's types do not describe them). */
export interface EmbeddedFont {
  font: FontkitFont;
  /** Font units to PDFKit's thousandths of the size. */
  scale: number;
  /** fontkit's layout of one word, its positions scaled in place: what PDFKit caches per word. */
  layoutRun(text: string, features?: unknown): unknown;
}

const shortened = new WeakSet<EmbeddedFont>();

/**
 * Gives `embedded` (one of PDFKit's embedded fonts) the short way for plain words: its word layout takes the short way
 * where it applies, with positions scaled as PDFKit scales them. Idempotent; a font whose tables the short way cannot
 * read keeps fontkit's layout for everything.
 */
export function useWordShaper(embedded: EmbeddedFont): void {
  if (shortened.has(embedded)) return;
  shortened.add(embedded);
  const shaper = WordShaper.for(embedded.font);
  if (!shaper) return;
  const positions = new ScaledPositions(embedded.scale);
  const layoutRun = embedded.layoutRun;
  embedded.layoutRun = function (text: string, features?: unknown) {
    if (features === undefined) {
      const run = shaper.shape(text);
      if (run) return positions.scaled(run);
    }
    return layoutRun.call(this, text, features);
  };
}

/**
 * What PDFKit's layoutRun makes of a position (each key multiplied by the scale, then the glyph's own advance added,
 * scaled), one shared object for each distinct position: a word's layout is kept in PDFKit's cache, and its own
 * objects cost some 150 bytes a glyph (each scaled number is a heap object of its own) where a shared one costs a
 * pointer. Nothing changes a position once laid out (PDFKit copies one before adding word spacing to it); they are
 * frozen so that nothing can.
 */
class ScaledPositions {
  readonly #scale: number;
  /** By advance, then the glyph's own advance, in font units: the positions with no offsets. */
  readonly #plain = new Map<number, Map<number, Readonly<ScaledPosition>>>();

  constructor(scale: number) {
    this.#scale = scale;
  }

  /** `run` as PDFKit's layoutRun leaves it: its glyphs, its positions scaled. */
  scaled(run: Run): Run<Readonly<ScaledPosition>> {
    return new Run(
      run.glyphs,
      run.positions.map((position, i) => this.#of(position, run.glyphs[i] as FontkitGlyph)),
    );
  }

  #of(position: Position, glyph: FontkitGlyph): Readonly<ScaledPosition> {
    if (position.yAdvance !== 0 || position.xOffset !== 0 || position.yOffset !== 0) {
      return this.#make(position, glyph.advanceWidth);
    }
    let byGlyph = this.#plain.get(position.xAdvance);
    if (!byGlyph) {
      byGlyph = new Map();
      this.#plain.set(position.xAdvance, byGlyph);
    }
    let scaled = byGlyph.get(glyph.advanceWidth);
    if (!scaled) {
      scaled = this.#make(position, glyph.advanceWidth);
      byGlyph.set(glyph.advanceWidth, scaled);
    }
    return scaled;
  }

  #make(position: Position, glyphAdvance: number): Readonly<ScaledPosition> {
    const scale = this.#scale;
    return Object.freeze({
      xAdvance: position.xAdvance * scale,
      yAdvance: position.yAdvance * scale,
      xOffset: position.xOffset * scale,
      yOffset: position.yOffset * scale,
      advanceWidth: glyphAdvance * scale,
    });
  }
}

interface ScaledPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** The short way for `font`, or null if it does not apply to this font at all. Exported for its test. */
export class WordShaper {
  readonly #font: FontkitFont;
  readonly #plans = new Map<string, ScriptPlan | null>();
  /** Per pair-positioning subtable: its coverage as a map, and for format 1 each first glyph's pairs. */
  readonly #coverage = new WeakMap<Coverage, Map<number, number>>();
  readonly #pairSets = new WeakMap<SubTable, Map<number, Map<number, PairValue>>>();

  static for(font: FontkitFont): WordShaper | null {
    // Variable fonts adjust positions by their design coordinates; a font with morx goes to fontkit's AAT engine,
    // which reads neither GSUB nor GPOS.
    if (font.fvar || font.morx || !font.GPOS || !font.GDEF?.glyphClassDef) return null;
    return new WordShaper(font);
  }

  private constructor(font: FontkitFont) {
    this.#font = font;
  }

  /** fontkit's layout of `text` (glyphs and positions in font units), or null where fontkit must do it. */
  shape(text: string): Run | null {
    const tag = this.#scriptOf(text);
    if (tag === null) return null;
    const plan = this.#plan(tag);
    if (!plan) return null;
    const glyphs = this.#font.glyphsForString(text);
    const positions: Position[] = [];
    let triggered = false;
    for (const glyph of glyphs) {
      if (plan.blocked.has(glyph.id)) return null;
      if (plan.triggers.has(glyph.id)) triggered = true;
      positions.push(new Position(glyph.advanceWidth));
    }
    if (triggered && !contextsIdle(plan.conditions, glyphs)) return null;
    for (const lookup of plan.pairs) {
      for (let i = 0; i + 1 < glyphs.length; i++) {
        for (const table of lookup.subTables) {
          const matched = this.#applyPair(table, glyphs, positions, i);
          if (matched === null) return null;
          if (matched) break;
        }
      }
    }
    return new Run(glyphs, positions);
  }

  /** The OpenType script fontkit would choose for `text`, or null if a character rules the short way out. */
  #scriptOf(text: string): string | null {
    let tag: string | null = null;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Surrogates (characters beyond the first plane), controls, the soft hyphen and the fraction slash.
      if (code >= 0xd800 && code <= 0xdfff) return null;
      if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0xad || code === FRACTION_SLASH) return null;
      // Combining marks, joiners and directional marks, variation selectors, other default-ignorables.
      if (code >= 0x300 && code <= 0x36f) return null;
      if (code >= 0x2000 && code <= 0x200f) return null;
      if (code >= 0x2028 && code <= 0x202f) return null;
      if (code >= 0x2060 && code <= 0x206f) return null;
      if (code >= 0xfe00 && code <= 0xfe0f) return null;
      if (code === 0xfeff || code >= 0xfff0) return null;
      const script = getScript(code);
      if (NO_SCRIPT.has(script)) {
        if (script === 'Inherited') return null;
        continue;
      }
      const scriptTag = SCRIPT_TAGS[script];
      if (!scriptTag) return null;
      // fontkit takes the first script it meets.
      tag ??= scriptTag;
    }
    return tag ?? UNKNOWN_TAG;
  }

  #plan(tag: string): ScriptPlan | null {
    let plan = this.#plans.get(tag);
    if (plan === undefined) {
      plan = scriptPlan(this.#font, tag);
      this.#plans.set(tag, plan);
    }
    return plan;
  }

  /**
   * fontkit's pair positioning at glyph `i`: true if this subtable matched (which ends the lookup's subtables), null
   * if the table lacks a record fontkit would read.
   */
  #applyPair(table: SubTable, glyphs: FontkitGlyph[], positions: Position[], i: number): boolean | null {
    const first = glyphs[i] as FontkitGlyph;
    const second = glyphs[i + 1] as FontkitGlyph;
    const index = table.coverage ? this.#coverageIndex(table.coverage, first.id) : -1;
    if (index === -1) return false;
    let pair: PairValue | undefined;
    if (table.version === 1) {
      const set = this.#pairSet(table, index);
      if (!set) return null;
      pair = set.get(second.id);
      if (!pair) return false;
    } else {
      const class1 = classOf(first.id, table.classDef1 as ClassDef);
      const class2 = classOf(second.id, table.classDef2 as ClassDef);
      pair = table.classRecords?.get(class1)?.get(class2);
      if (!pair) return null;
    }
    applyValue(positions[i] as Position, pair.value1);
    applyValue(positions[i + 1] as Position, pair.value2);
    return true;
  }

  #coverageIndex(coverage: Coverage, glyph: number): number {
    let map = this.#coverage.get(coverage);
    if (!map) {
      // The first index of a glyph listed twice, as fontkit's search finds it.
      map = new Map();
      for (const [id, index] of coverageEntries(coverage)) if (!map.has(id)) map.set(id, index);
      this.#coverage.set(coverage, map);
    }
    return map.get(glyph) ?? -1;
  }

  /**
   * A format-1 subtable's pairs for the first glyph at `index` (fontkit takes the first that names the second), or
   * null if the table has no set there (fontkit would fail).
   */
  #pairSet(table: SubTable, index: number): Map<number, PairValue> | null {
    let sets = this.#pairSets.get(table);
    if (!sets) {
      sets = new Map();
      this.#pairSets.set(table, sets);
    }
    let set = sets.get(index);
    if (!set) {
      const pairs = table.pairSets?.get(index);
      if (!pairs) return null;
      set = new Map();
      for (const pair of pairs) {
        if (pair.secondGlyph !== undefined && !set.has(pair.secondGlyph)) set.set(pair.secondGlyph, pair);
      }
      sets.set(index, set);
    }
    return set;
  }
}

/** fontkit's applyPositionValue, without variation deltas (a variable font never takes the short way). */
function applyValue(position: Position, value: ValueRecord | undefined): void {
  if (!value) return;
  if (value.xAdvance != null) position.xAdvance += value.xAdvance;
  if (value.yAdvance != null) position.yAdvance += value.yAdvance;
  if (value.xPlacement != null) position.xOffset += value.xPlacement;
  if (value.yPlacement != null) position.yOffset += value.yPlacement;
}
