/**
 * Every link and form of the portal keeps the language of the address it is read at (ADR 0019): a page's markup
 * writes `href={localHref('/alliances/…')}`, never `href="/alliances/…"`, which would lead a reader of `/fr/…` to
 * the unprefixed address (their own language, not the one the link was shared in). Reads every .svelte file and
 * fails on an `href`, `action` or `formaction` that is
 * - a literal path (`href="/…"`, `href={'/…'}`, ``action={`/…`}``), or
 * - the result of a path builder imported from `$lib` (`href={reportsHref(…)}`) not passed through localHref,
 * unless the path is one the API answers (`/documents/`, `/exports/`, …: never prefixed) or the builder writes one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// The paths the API answers, which localHref leaves alone.
import { API_PATHS } from '../../frontend/portal/src/lib/api-paths.ts';

const root = resolve(import.meta.dirname, '../..');
const portal = join(root, 'frontend/portal/src');

/**
 * Builders from `$lib` whose addresses are not pages: files the API serves, and the switcher's `/language/…`, which
 * sets the cookie and leads on to the page at the chosen language's own address.
 */
const NOT_PAGES = new Set([
  'declarationPdfHref',
  'progressPdfHref',
  'exportHref',
  'pledgeExportHref',
  'signatoryExportHref',
  'languageHref',
]);

const ATTRIBUTE = String.raw`\b(?:href|action|formaction)=`;
const literal = new RegExp(`${ATTRIBUTE}(?:"(/[^"]*)"|'(/[^']*)'|\\{\\s*[\`'"](/[^\`'"]*))`, 'g');
const call = new RegExp(`${ATTRIBUTE}\\{\\s*([A-Za-z_$][\\w$]*)\\(`, 'g');
const libImport = /import\s*\{([^}]*)\}\s*from\s*'\$lib\/[^']+'/g;

/** The links of one .svelte file that bypass localHref, as `line: text`. */
function rawLinks(source: string): string[] {
  const imported = new Set(
    [...source.matchAll(libImport)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map(
          (name) =>
            name
              .replace(/\btype\s+/, '')
              .split(/\s+as\s+/)
              .at(-1)
              ?.trim() ?? '',
        )
        .filter(Boolean),
    ),
  );
  const found: string[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  for (const m of source.matchAll(literal)) {
    const path = m[1] ?? m[2] ?? m[3] ?? '';
    if (!API_PATHS.some((api) => path.startsWith(api))) found.push(`${lineOf(m.index)}: ${m[0]}`);
  }
  for (const m of source.matchAll(call)) {
    const name = m[1] ?? '';
    if (imported.has(name) && name !== 'localHref' && !NOT_PAGES.has(name)) found.push(`${lineOf(m.index)}: ${m[0]}`);
  }
  return found;
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : svelteFiles(path);
    return path.endsWith('.svelte') ? [path] : [];
  });
}

describe('[I18N] portal links keep the language of the address (localHref)', () => {
  it('finds the ways a link can bypass it, and lets the API’s addresses and localHref through', () => {
    const page = [
      "<script>import { reportsHref, declarationPdfHref } from '$lib/progress-filter';",
      "import { localHref } from '$lib/local-href';",
      "const own = (id) => localHref('/x/' + id);</script>",
      '<a href="/alliances/x">a</a>',
      "<a href={'/account'}>b</a>",
      '<form method="POST" action={`/alliances/x/sign`}></form>',
      '<a href={reportsHref(slug, {})}>c</a>',
      '<button formaction="/login?/request">d</button>',
      '<a href={localHref(`/alliances/x`)}>ok</a>',
      '<a href={localHref(reportsHref(slug, {}))}>ok</a>',
      '<a href="/documents/abc.pdf">ok</a> <a href="/graphql">ok</a> <a href={`/exports/x.csv`}>ok</a>',
      '<a href={declarationPdfHref(slug)}>ok</a> <a href={own(1)}>ok</a> <a href="https://example.org/">ok</a>',
      '<a href="#main">ok</a> <form action="{path}?/approve"></form>',
    ].join('\n');
    expect(rawLinks(page)).toEqual([
      '4: href="/alliances/x"',
      "5: href={'/account",
      '6: action={`/alliances/x/sign',
      '8: formaction="/login?/request"',
      '7: href={reportsHref(',
    ]);
  });

  it('finds none in the portal', () => {
    const found = svelteFiles(portal).flatMap((file) =>
      rawLinks(readFileSync(file, 'utf8')).map((link) => `${relative(root, file)}:${link}`),
    );
    expect(found).toEqual([]);
  });
});
