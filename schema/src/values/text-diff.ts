/**
 * The difference between two texts, word by word, as a reader wants to see it between two versions of a
 * declaration: what stayed, what was removed, what was added, in reading order. Myers' algorithm on words and
 * the spaces between them: its work grows with the texts' length times the number of changes, so a long text
 * with a few edits costs little. Past `maxEdits` changes the texts have little in common, and the answer is the
 * old text removed and the new one added.
 */

export type TextChangeKind = 'same' | 'removed' | 'added';

export interface TextChange {
  kind: TextChangeKind;
  text: string;
}

/** Words (letters and digits), each other character on its own, and runs of spaces: '2025,' is '2025' and ','. */
const tokensOf = (text: string): string[] => text.match(/\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu) ?? [];

export function diffWords(before: string, after: string, { maxEdits = 1000 } = {}): TextChange[] {
  const a = tokensOf(before);
  const b = tokensOf(after);
  const script = myers(a, b, maxEdits);
  const changes: TextChange[] = [];
  const push = (kind: TextChangeKind, text: string) => {
    const last = changes.at(-1);
    if (last?.kind === kind) last.text += text;
    else changes.push({ kind, text });
  };
  if (!script) {
    push('removed', before);
    push('added', after);
    return changes.filter((c) => c.text !== '');
  }
  for (const [kind, token] of script) push(kind, token);
  return changes;
}

/** The edit script from a to b, or null past `maxEdits`. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): [TextChangeKind, string][] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(next);
        return backtrack(a, b, trace, d, offset);
      }
    }
    v = next;
  }
  return null;
}

function backtrack(
  a: readonly string[],
  b: readonly string[],
  trace: Int32Array[],
  edits: number,
  offset: number,
): [TextChangeKind, string][] {
  const script: [TextChangeKind, string][] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const previousK =
      d === 0 ? 0 : k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : (v[offset + previousK] ?? 0);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      script.push(['same', a[x - 1] as string]);
      x--;
      y--;
    }
    if (d > 0) {
      if (x === previousX) script.push(['added', b[y - 1] as string]);
      else script.push(['removed', a[x - 1] as string]);
    }
    x = previousX;
    y = previousY;
  }
  return script.reverse();
}
