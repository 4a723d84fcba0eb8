/// <reference path="./unicode-properties.d.ts" />
import { getScript } from 'unicode-properties';

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
 *   positioning lookup other than pair positioning (marks, cursive attachment, single adjustments, contexts);
 * - no glyph is a mark or a ligature in the font's glyph classes (pair lookups may skip those);
 * - the font has no variations, and its pair lookups skip no base glyphs.
 * Anything else (and every call with features, a script or a language) goes to fontkit.
 */

/** The parts of fontkit's font, glyph and layout tables this needs (fontkit ships no types). */
interface FontkitFont {
  layout(text: unknown, features?: unknown, ...rest: unknown[]): unknown;
  glyphsForString(text: string): FontkitGlyph[];
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  fvar?: unknown;
  kern?: unknown;
}
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(index: number): Lookup };
}
interface Lookup {
  lookupType: number;
  flags: { flags?: { ignoreBaseGlyphs?: boolean } };
  subTables: SubTable[];
}
type Coverage = { version: 1; glyphs: number[] } | { version: 2; rangeRecords: RangeRecord[] };
interface RangeRecord {
  start: number;
  end: number;
  startCoverageIndex: number;
}
type ClassDef =
  | { version: 1; startGlyph: number; classValueArray: number[] }
  | { version: 2; classRangeRecord: { start: number; end: number; class: number }[] };
interface ValueRecord {
  xPlacement?: number;
  yPlacement?: number;
  xAdvance?: number;
  yAdvance?: number;
}
interface PairValue {
  secondGlyph?: number;
  value1: ValueRecord;
  value2: ValueRecord;
}
interface SubTable {
  version: number;
  lookupType?: number;
  extension?: SubTable;
  coverage?: Coverage;
  coverages?: Coverage[];
  inputCoverage?: Coverage[];
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  pairSets?: { get(index: number): Iterable<PairValue> };
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: { get(index: number): { get(index: number): PairValue } };
}
/** A contextual subtable (GSUB 5 and 6, GPOS 7 and 8) as fontkit parses it. */
interface ContextRule {
  input?: number[];
  classes?: number[];
  backtrack?: number[];
  lookahead?: number[];
}
interface ContextTable extends SubTable {
  ruleSets?: (ContextRule[] | null)[];
  classSet?: (ContextRule[] | null)[];
  classDef?: ClassDef;
  chainRuleSets?: (ContextRule[] | null)[];
  chainClassSet?: (ContextRule[] | null)[];
  backtrackClassDef?: ClassDef;
  inputClassDef?: ClassDef;
  lookaheadClassDef?: ClassDef;
  backtrackCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
}

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
class Run {
  constructor(
    readonly glyphs: FontkitGlyph[],
    readonly positions: Position[],
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
/** fontkit's tag when a word has no script of its own, and where it looks when a font lacks the script. */
const UNKNOWN_TAG = 'zzzz';
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];
/** Every feature fontkit's default shaper plans, global and local (the local ones only widen what is refused). */
const PLANNED_FEATURES = [
  'rvrn',
  'ltra',
  'ltrm',
  'frac',
  'numr',
  'dnom',
  'ccmp',
  'locl',
  'rlig',
  'mark',
  'mkmk',
  'calt',
  'clig',
  'liga',
  'rclt',
  'curs',
  'kern',
];
const GLOBAL_FEATURES = new Set(PLANNED_FEATURES.filter((tag) => !['frac', 'numr', 'dnom'].includes(tag)));
const FRACTION_SLASH = 0x2044;

interface GlyphSet {
  has(glyph: number): boolean;
}

/**
 * A contextual subtable that can act at a glyph of `trigger` only if the word also holds a glyph of `witnesses`: each
 * of its rules needs, at one of its other positions, a glyph of a set that is in `witnesses`.
 */
interface Condition {
  trigger: Set<number>;
  witnesses: Set<number>;
}

/** What one script of one font allows. */
interface ScriptPlan {
  /** Glyphs some lookup other than pair positioning could act on, or marks and ligatures. */
  blocked: GlyphSet;
  /** Contextual lookups: they act only where their rules match, which needs other glyphs in the word. */
  conditions: Condition[];
  /** Every condition's trigger, to skip the conditions for most words at once. */
  triggers: Set<number>;
  /** The pair-positioning lookups, in the order fontkit applies them. */
  pairs: Lookup[];
}

const shapers = new WeakMap<FontkitFont, WordShaper | null>();

/**
 * Gives `font` (fontkit's font behind one of PDFKit's embedded fonts) the short way for plain words. Idempotent; a
 * font whose tables it cannot read keeps fontkit's layout for everything.
 */
export function useWordShaper(font: FontkitFont): void {
  if (shapers.has(font)) return;
  const shaper = WordShaper.for(font);
  shapers.set(font, shaper);
  if (!shaper) return;
  const layout = font.layout;
  font.layout = function (text: unknown, ...rest: unknown[]) {
    if (rest.length === 0 || rest.every((argument) => argument === undefined)) {
      if (typeof text === 'string') {
        const run = shaper.shape(text);
        if (run) return run;
      }
    }
    return layout.call(this, text, ...rest);
  };
}

/** The short way for `font`, or null if it does not apply to this font at all. Exported for its test. */
export class WordShaper {
  readonly #font: FontkitFont;
  readonly #plans = new Map<string, ScriptPlan | null>();
  readonly #glyphClass: (glyph: number) => number;
  /** Per pair-positioning subtable: its coverage as a map, and for format 1 each first glyph's pairs. */
  readonly #coverage = new WeakMap<Coverage, Map<number, number>>();
  readonly #pairSets = new WeakMap<SubTable, Map<number, Map<number, PairValue>>>();

  static for(font: FontkitFont): WordShaper | null {
    // Variable fonts adjust positions by their design coordinates; a kern table alone is applied differently.
    if (font.fvar || !font.GPOS || !font.GDEF?.glyphClassDef) return null;
    return new WordShaper(font, font.GDEF.glyphClassDef);
  }

  private constructor(font: FontkitFont, glyphClassDef: ClassDef) {
    this.#font = font;
    this.#glyphClass = (glyph) => classOf(glyph, glyphClassDef);
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
      plan = this.#makePlan(tag);
      this.#plans.set(tag, plan);
    }
    return plan;
  }

  #makePlan(tag: string): ScriptPlan | null {
    const { GSUB, GPOS } = this.#font;
    if (!GPOS) return null;
    const blocked = new Set<number>();
    const conditions: Condition[] = [];
    const pairs: Lookup[] = [];
    for (const { lookup } of plannedLookups(GSUB, tag)) {
      for (const table of lookup.subTables) {
        if (!restrict(blocked, conditions, lookup.lookupType, table, SUBSTITUTION)) return null;
      }
    }
    let hasKern = false;
    for (const { feature, lookup } of plannedLookups(GPOS, tag)) {
      if (feature === 'kern') hasKern = true;
      if (lookup.lookupType === 2 && GLOBAL_FEATURES.has(feature)) {
        if (lookup.flags.flags?.ignoreBaseGlyphs) return null;
        if (!lookup.subTables.every((table) => table.version === 1 || table.version === 2)) return null;
        if (!pairs.includes(lookup)) pairs.push(lookup);
        continue;
      }
      for (const table of lookup.subTables) {
        if (!restrict(blocked, conditions, lookup.lookupType, table, POSITIONING)) return null;
      }
    }
    // Without a kern feature in GPOS, fontkit kerns from the old kern table instead.
    if (!hasKern && this.#font.kern) return null;
    const triggers = new Set<number>();
    for (const condition of conditions) for (const glyph of condition.trigger) triggers.add(glyph);
    return { blocked: withGlyphClasses(blocked, this.#glyphClass), conditions, triggers, pairs };
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
      pair = this.#pairSet(table, index).get(second.id);
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
      map = new Map(coverageEntries(coverage));
      this.#coverage.set(coverage, map);
    }
    return map.get(glyph) ?? -1;
  }

  /** A format-1 subtable's pairs for the first glyph at `index`; fontkit takes the first that names the second. */
  #pairSet(table: SubTable, index: number): Map<number, PairValue> {
    let sets = this.#pairSets.get(table);
    if (!sets) {
      sets = new Map();
      this.#pairSets.set(table, sets);
    }
    let set = sets.get(index);
    if (!set) {
      set = new Map();
      for (const pair of table.pairSets?.get(index) ?? []) {
        if (pair.secondGlyph !== undefined && !set.has(pair.secondGlyph)) set.set(pair.secondGlyph, pair);
      }
      sets.set(index, set);
    }
    return set;
  }
}

/** The lookups of `table` fontkit's default shaper would apply for script `tag`, with the feature of each. */
function* plannedLookups(table: LayoutTable | undefined, tag: string): Generator<{ feature: string; lookup: Lookup }> {
  if (!table?.scriptList) return;
  // fontkit's selectScript: the script itself, else the first of its defaults the font has; the default language.
  const entry =
    table.scriptList.find((script) => script.tag === tag) ??
    DEFAULT_SCRIPTS.map((name) => table.scriptList.find((script) => script.tag === name)).find(Boolean);
  if (!entry) return;
  const features = new Map<string, number[]>();
  for (const index of entry.script.defaultLangSys?.featureIndexes ?? []) {
    const record = table.featureList[index];
    if (record) features.set(record.tag, record.feature.lookupListIndexes);
  }
  for (const feature of PLANNED_FEATURES) {
    for (const index of features.get(feature) ?? []) yield { feature, lookup: table.lookupList.get(index) };
  }
}

const SUBSTITUTION = { extension: 7, context: 5, chainingContext: 6, marks: [] as number[] };
const POSITIONING = { extension: 9, context: 7, chainingContext: 8, marks: [4, 5, 6] };

/**
 * Records what a lookup subtable could act on: the glyphs it checks at the current position go into `blocked`, or,
 * for a contextual subtable whose every rule needs another glyph too, into a condition. False for a shape this does
 * not know (then the short way is off for the script).
 */
function restrict(
  blocked: Set<number>,
  conditions: Condition[],
  type: number,
  table: SubTable,
  kind: typeof SUBSTITUTION,
): boolean {
  if (type === kind.extension) {
    if (!table.extension || !table.lookupType || table.lookupType === kind.extension) return false;
    return restrict(blocked, conditions, table.lookupType, table.extension, kind);
  }
  if (kind.marks.includes(type)) {
    // Mark attachment acts at a mark (mark to base, to ligature, to mark).
    return addGlyphs(blocked, type === 6 ? table.mark1Coverage : table.markCoverage);
  }
  if (type !== kind.context && type !== kind.chainingContext) return addGlyphs(blocked, table.coverage);
  const chaining = type === kind.chainingContext;
  const groups = contextGroups(table as ContextTable, chaining);
  if (!groups) return false;
  for (const { trigger, rules } of groups) {
    // A rule with no other bounded position may act on the trigger alone; fontkit fails on a missing rule set.
    if (rules === null || rules.some((rule) => rule === null)) {
      for (const glyph of trigger) blocked.add(glyph);
      continue;
    }
    const witnesses = new Set<number>();
    for (const rule of rules) for (const glyph of rule as number[]) witnesses.add(glyph);
    conditions.push({ trigger: new Set(trigger), witnesses });
  }
  return true;
}

/**
 * A contextual subtable's first-position glyphs, grouped by the rule set fontkit picks for them (by coverage index in
 * format 1, by class in format 2, one group in format 3), each with, for every rule of that set, the glyphs one of its
 * other positions accepts: null for a rule with no other position that is bounded (class 0 is every glyph the class
 * table does not name), a null set for a missing rule set. Null if the table has no coverage.
 */
function contextGroups(
  table: ContextTable,
  chaining: boolean,
): { trigger: number[]; rules: (number[] | null)[] | null }[] | null {
  if (table.version === 3) {
    const coverages = chaining ? table.inputCoverage : table.coverages;
    const first = coverages?.[0];
    if (!first) return null;
    const others = chaining
      ? [...(table.backtrackCoverage ?? []), ...coverages.slice(1), ...(table.lookaheadCoverage ?? [])]
      : coverages.slice(1);
    return [{ trigger: glyphsOf(first), rules: [others[0] ? glyphsOf(others[0]) : null] }];
  }
  if (!table.coverage) return null;
  const sets = chaining
    ? table.version === 1
      ? table.chainRuleSets
      : table.chainClassSet
    : table.version === 1
      ? table.ruleSets
      : table.classSet;
  const inputClassDef = chaining ? table.inputClassDef : table.classDef;
  const groups = new Map<number, number[]>();
  for (const [glyph, index] of coverageEntries(table.coverage)) {
    const key = table.version === 1 ? index : inputClassDef ? classOf(glyph, inputClassDef) : -1;
    groups.set(key, [...(groups.get(key) ?? []), glyph]);
  }
  return [...groups].map(([key, trigger]) => {
    const set = key >= 0 ? sets?.[key] : null;
    if (!set) return { trigger, rules: null };
    return { trigger, rules: set.map((rule) => witnessOf(table, rule, chaining)) };
  });
}

/** The glyphs accepted at one position of `rule` other than its first input, or null if it has none bounded. */
function witnessOf(table: ContextTable, rule: ContextRule, chaining: boolean): number[] | null {
  if (table.version === 1) {
    const glyph = [...(rule.backtrack ?? []), ...(rule.input ?? []), ...(rule.lookahead ?? [])][0];
    return glyph === undefined ? null : [glyph];
  }
  const positions: [number, ClassDef | undefined][] = chaining
    ? [
        ...(rule.backtrack ?? []).map((c): [number, ClassDef | undefined] => [c, table.backtrackClassDef]),
        ...(rule.input ?? []).map((c): [number, ClassDef | undefined] => [c, table.inputClassDef]),
        ...(rule.lookahead ?? []).map((c): [number, ClassDef | undefined] => [c, table.lookaheadClassDef]),
      ]
    : (rule.classes ?? []).map((c): [number, ClassDef | undefined] => [c, table.classDef]);
  const bounded = positions.find(([classId, classDef]) => classId !== 0 && classDef);
  return bounded ? glyphsOfClass(bounded[1] as ClassDef, bounded[0]) : null;
}

/** True if no condition can be met in this word: none of its triggers has a witness beside it. */
function contextsIdle(conditions: Condition[], glyphs: FontkitGlyph[]): boolean {
  for (const condition of conditions) {
    if (!glyphs.some((glyph) => condition.trigger.has(glyph.id))) continue;
    if (glyphs.some((glyph) => condition.witnesses.has(glyph.id))) return false;
  }
  return true;
}

function addGlyphs(into: Set<number>, coverage: Coverage | undefined): boolean {
  if (!coverage) return false;
  for (const glyph of glyphsOf(coverage)) into.add(glyph);
  return true;
}

function glyphsOf(coverage: Coverage): number[] {
  return coverageEntries(coverage).map(([glyph]) => glyph);
}

/** Each glyph of `coverage` with its coverage index, as fontkit's coverageIndex gives it. */
function coverageEntries(coverage: Coverage): [number, number][] {
  if (coverage.version === 1) return coverage.glyphs.map((glyph, index) => [glyph, index]);
  const entries: [number, number][] = [];
  for (const range of coverage.rangeRecords) {
    for (let id = range.start; id <= range.end; id++) entries.push([id, range.startCoverageIndex + id - range.start]);
  }
  return entries;
}

function glyphsOfClass(classDef: ClassDef, classId: number): number[] {
  const glyphs: number[] = [];
  if (classDef.version === 1) {
    classDef.classValueArray.forEach((value, i) => {
      if (value === classId) glyphs.push(classDef.startGlyph + i);
    });
  } else {
    for (const range of classDef.classRangeRecord) {
      if (range.class === classId) for (let id = range.start; id <= range.end; id++) glyphs.push(id);
    }
  }
  return glyphs;
}

/** `blocked`, answering also for glyphs the font classes as ligatures (2) or marks (3). */
function withGlyphClasses(blocked: Set<number>, glyphClass: (glyph: number) => number): GlyphSet {
  const known = new Map<number, boolean>();
  return {
    has(glyph: number): boolean {
      let answer = known.get(glyph);
      if (answer === undefined) {
        const kind = glyphClass(glyph);
        answer = blocked.has(glyph) || kind === 2 || kind === 3;
        known.set(glyph, answer);
      }
      return answer;
    },
  };
}

/** fontkit's getClassID: the class of `glyph`, 0 if the table does not name it. */
function classOf(glyph: number, classDef: ClassDef): number {
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph;
    return i >= 0 && i < classDef.classValueArray.length ? (classDef.classValueArray[i] as number) : 0;
  }
  for (const range of classDef.classRangeRecord) if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
}

/** fontkit's applyPositionValue, without variation deltas (a variable font never takes the short way). */
function applyValue(position: Position, value: ValueRecord | undefined): void {
  if (!value) return;
  if (value.xAdvance != null) position.xAdvance += value.xAdvance;
  if (value.yAdvance != null) position.yAdvance += value.yAdvance;
  if (value.xPlacement != null) position.xOffset += value.xPlacement;
  if (value.yPlacement != null) position.yOffset += value.yPlacement;
}
