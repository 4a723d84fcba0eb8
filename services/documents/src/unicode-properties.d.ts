/** The one function of unicode-properties (fontkit's own dependency) that word-shaping.ts uses; it ships no types. */
declare module 'unicode-properties' {
  /** The Unicode script of a code point, by its long name: 'Latin', 'Greek', 'Common', 'Unknown'… */
  export function getScript(codePoint: number): string;
}
