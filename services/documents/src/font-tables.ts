/**
 * What a font's OpenType tables say about which glyphs fontkit's default shaper could substitute or position for a
 * script, read from fontkit's parsed tables: the part of word-shaping.ts that decides whether a word may take the
 * short way. Mirrors fontkit 2's OTProcessor (script selection, planned features, lookup coverage, class tables).
 */

/** The parts of fontkit's font, glyph and layout tables this needs (fontkit ships no types). */
export interface FontkitFont {
  layout(text: unknown, features?: unknown, ...rest: unknown[]): unknown;
  glyphsForString(text: string): FontkitGlyph[];
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  fvar?: unknown;
  kern?: unknown;
  morx?: unknown;
}
export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
export interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(index: number): Lookup };
}
export interface Lookup {
  lookupType: number;
  flags: { flags?: { ignoreBaseGlyphs?: boolean } };
  subTables: SubTable[];
}
export type Coverage = { version: 1; glyphs: number[] } | { version: 2; rangeRecords: RangeRecord[] };
export interface RangeRecord {
  start: number;
  end: number;
  startCoverageIndex: number;
}
export type ClassDef =
  | { version: 1; startGlyph: number; classValueArray: number[] }
  | { version: 2; classRangeRecord: { start: number; end: number; class: number }[] };
export interface ValueRecord {
  xPlacement?: number;
  yPlacement?: number;
  xAdvance?: number;
  yAdvance?: number;
}
export interface PairValue {
  secondGlyph?: number;
  value1: ValueRecord;
  value2: ValueRecord;
}
export interface SubTable {
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
export interface ContextRule {
  input?: number[];
  classes?: number[];
  backtrack?: number[];
  lookahead?: number[];
}
export interface ContextTable extends SubTable {
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

/** Where fontkit looks when a font lacks the script. */
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

export interface GlyphSet {
  has(glyph: number): boolean;
}

/**
 * A contextual subtable that can act at a glyph of `trigger` only if the word also holds a glyph of `witnesses`: each
 * of its rules needs, at one of its other positions, a glyph of a set that is in `witnesses`.
 */
export interface Condition {
  trigger: Set<number>;
  witnesses: Set<number>;
}

/** What one script of one font allows. */
export interface ScriptPlan {
  /** Glyphs some lookup other than pair positioning could act on, or marks and ligatures. */
  blocked: GlyphSet;
  /** Contextual lookups: they act only where their rules match, which needs other glyphs in the word. */
  conditions: Condition[];
  /** Every condition's trigger, to skip the conditions for most words at once. */
  triggers: Set<number>;
  /** The pair-positioning lookups, in the order fontkit applies them. */
  pairs: Lookup[];
}

/**
 * What the font's tables allow for script `tag` (an OpenType tag, as fontkit chooses it for the word): null if the font
 * has no GPOS or glyph classes, if a lookup of a kind this does not know would apply, or if the font kerns from its
 * old kern table.
 */
export function scriptPlan(font: FontkitFont, tag: string): ScriptPlan | null {
  const { GSUB, GPOS } = font;
  const glyphClassDef = font.GDEF?.glyphClassDef;
  if (!GPOS || !glyphClassDef) return null;
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
      // Once for each time the plan names it, as fontkit applies it (a lookup under two features adjusts twice).
      pairs.push(lookup);
      continue;
    }
    for (const table of lookup.subTables) {
      if (!restrict(blocked, conditions, lookup.lookupType, table, POSITIONING)) return null;
    }
  }
  // Without a kern feature in GPOS, fontkit kerns from the old kern table instead.
  if (!hasKern && font.kern) return null;
  const triggers = new Set<number>();
  for (const condition of conditions) for (const glyph of condition.trigger) triggers.add(glyph);
  return { blocked: withGlyphClasses(blocked, glyphClassDef), conditions, triggers, pairs };
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

/** The lookup types fontkit runs (it throws at GSUB's reverse chaining, type 8), and how each acts. */
const SUBSTITUTION = { types: 7, extension: 7, context: 5, chainingContext: 6, marks: [] as number[] };
const POSITIONING = { types: 9, extension: 9, context: 7, chainingContext: 8, marks: [4, 5, 6] };

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
  if (!(type >= 1 && type <= kind.types)) return false;
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
export function contextsIdle(conditions: Condition[], glyphs: FontkitGlyph[]): boolean {
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
export function coverageEntries(coverage: Coverage): [number, number][] {
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
function withGlyphClasses(blocked: Set<number>, glyphClassDef: ClassDef): GlyphSet {
  const known = new Map<number, boolean>();
  return {
    has(glyph: number): boolean {
      let answer = known.get(glyph);
      if (answer === undefined) {
        const kind = classOf(glyph, glyphClassDef);
        answer = blocked.has(glyph) || kind === 2 || kind === 3;
        known.set(glyph, answer);
      }
      return answer;
    },
  };
}

/** fontkit's getClassID: the class of `glyph`, 0 if the table does not name it. */
export function classOf(glyph: number, classDef: ClassDef): number {
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph;
    return i >= 0 && i < classDef.classValueArray.length ? (classDef.classValueArray[i] as number) : 0;
  }
  for (const range of classDef.classRangeRecord) if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
}
