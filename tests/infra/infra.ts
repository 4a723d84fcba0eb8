/**
 * What the tests of infra/ share: the repository's files, and the environment variables Concord's processes read.
 * No container engine or cluster runs here (README, "Deploying"): these tests check the files themselves.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_VARIABLES } from '@concord/api';
import { parseAllDocuments } from 'yaml';

export const root = new URL('../../', import.meta.url).pathname;

export function readText(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Every document of a YAML file, parsed strictly: a syntax error or a duplicate key fails the test that reads it. */
export function readYamlDocuments(path: string): unknown[] {
  return parseYamlDocuments(readText(path), path);
}

export function parseYamlDocuments(text: string, source: string): unknown[] {
  // `merge`: Compose files share settings through YAML merge keys (<<: *anchor).
  return parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, merge: true }).map((document) => {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) throw new Error(`${source}: ${problems.map((p) => p.message).join('; ')}`);
    return document.toJS();
  });
}

/** The files under a folder of the repository whose names end with one of `extensions`, as repository paths. */
export function listFiles(folder: string, extensions: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (extensions.some((e) => entry.name.endsWith(e))) found.push(relative(root, path));
    }
  };
  walk(join(root, folder));
  return found.sort();
}

/** The API and worker (and the all-in-one process) read exactly these: services/api/src/config.ts. */
export const concordVariables: ReadonlySet<string> = new Set(CONFIG_VARIABLES);

/**
 * The portal run on its own reads what SvelteKit's adapter-node reads (taken from the adapter's own files, so that an
 * upgrade that renames one shows here) and what the portal's server code reads from `$env/dynamic/private`.
 */
export const portalVariables: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const adapterFiles = join(root, 'frontend/portal/node_modules/@sveltejs/adapter-node/files');
  for (const file of readdirSync(adapterFiles).filter((f) => f.endsWith('.js'))) {
    for (const match of readFileSync(join(adapterFiles, file), 'utf8').matchAll(/\benv\('([A-Z_]+)'/g)) {
      names.add(match[1] as string);
    }
  }
  for (const file of listFiles('frontend/portal/src', ['.ts', '.svelte'])) {
    for (const match of readText(file).matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(match[1] as string);
  }
  return names;
})();

/**
 * The roles of the one image (infra/Dockerfile): the script each command runs, as a file of this repository. The
 * image's /app is services/standalone deployed with `pnpm deploy`, so the workspace packages sit in node_modules.
 */
const deployedPackages: Record<string, string> = {
  'node_modules/@concord/api/': 'services/api/',
  'node_modules/@concord/portal/': 'frontend/portal/',
  '': 'services/standalone/',
};

export type Role = 'all-in-one' | 'api' | 'portal' | 'migrate';

export function roleOf(command: readonly string[]): { role: Role; script: string } {
  const [node, ...args] = command;
  if (node !== 'node') throw new Error(`not a node command: ${command.join(' ')}`);
  const tsx = args[0] === '--import' && args[1] === 'tsx';
  const target = tsx ? args[2] : args[0];
  if (target === undefined || args.length !== (tsx ? 3 : 1))
    throw new Error(`unexpected command: ${command.join(' ')}`);
  const prefix = Object.keys(deployedPackages).find((p) => target.startsWith(p)) ?? '';
  const script = `${deployedPackages[prefix]}${target.slice(prefix.length)}`;
  const roles: Record<string, Role> = {
    'services/standalone/src/main.ts': 'all-in-one',
    'services/api/src/main.ts': 'api',
    'services/api/src/migrate.ts': 'migrate',
    'frontend/portal/build': 'portal',
  };
  const role = roles[script];
  if (!role) throw new Error(`${command.join(' ')} runs ${script}, which is none of the image's roles`);
  // TypeScript sources need tsx; the portal's build is JavaScript.
  if (tsx !== script.endsWith('.ts')) throw new Error(`${command.join(' ')}: tsx is for .ts files, and only for them`);
  const source = role === 'portal' ? 'frontend/portal/src/routes' : script;
  if (!existsSync(join(root, source))) throw new Error(`${command.join(' ')} runs ${script}, which does not exist`);
  return { role, script };
}

/** The variables a role reads: what the environment of a container playing it may set. */
export function variablesOf(role: Role): ReadonlySet<string> {
  return role === 'portal' ? portalVariables : concordVariables;
}

/**
 * One request to each plain HTTP route the API registers (services/api/src/modules/<module>/*.routes.ts), its
 * parameters filled in, and GraphQL: what a proxy in front must send to the API. The opt-out address is the API's for
 * POST only; GET on it is the portal's page.
 */
export function apiRequests(): { method: string; path: string }[] {
  const requests = [{ method: 'POST', path: '/graphql' }];
  const modules = join(root, 'services/api/src/modules');
  for (const module of readdirSync(modules, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    for (const file of readdirSync(join(modules, module)).filter((f) => f.endsWith('.routes.ts'))) {
      const text = readFileSync(join(modules, module, file), 'utf8');
      for (const match of text.matchAll(/([`'])(\/[a-z][^`']*)\1/g)) {
        const path = (match[2] as string).replace(/:[A-Za-z]+/g, 'x').replace(/\$\{[^}]+\}/g, 'csv');
        requests.push({ method: 'GET', path });
      }
      if (text.includes('OPT_OUT_PATH')) requests.push({ method: 'POST', path: '/email/opt-out' });
    }
  }
  return requests;
}

/** Pages of the portal, which a proxy sends to it: everything the API does not own. */
export const portalRequests = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/alliances/circular-plastics/signatories' },
  { method: 'POST', path: '/login' },
  { method: 'GET', path: '/email/opt-out' },
  { method: 'GET', path: '/open-data' },
];
