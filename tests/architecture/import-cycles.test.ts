/**
 * No module imports itself through others, types included: a loop means two files that are one concept, or a
 * type defined on the wrong side (a service's row shape in graphql/mappers.ts, a mailer's contract beside the
 * factory that picks one). Reads the relative imports of every source file; packages are not followed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const sources = ['db/src', 'schema/src', 'services/api/src', 'services/documents/src', 'services/notifications/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** `import … from './x.ts'`, `import type …`, `export … from './x.ts'`, over several lines too. */
const relativeImport = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gm;

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources.flatMap((s) => sourceFiles(join(root, s)))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(relativeImport)]
      .map((m) => resolve(dirname(file), m[1] ?? ''))
      .filter((target) => existsSync(target));
    graph.set(file, targets);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string) => {
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) found.push([...path.slice(at), next].map((p) => relative(root, p)));
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

describe('source layout', () => {
  it('reads the imports it is meant to check', () => {
    const graph = importGraph();
    const app = graph.get(join(root, 'services/api/src/app.ts')) ?? [];
    expect(app.map((p) => relative(root, p))).toContain('services/api/src/plugins/graphql.ts');
  });

  it('has no import loops, type imports included', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
