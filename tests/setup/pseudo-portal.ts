import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageCatalogue } from '../i18n/catalogue-check.ts';
import { PSEUDO_LOCALE, pseudoCatalogue } from '../i18n/pseudo-locale.ts';

const root = new URL('../../', import.meta.url).pathname;
const portal = join(root, 'frontend/portal');
/** A copy of the portal with the pseudo-locale added, built apart from the real one (git ignores it). */
export const pseudoPortalDir = join(root, 'frontend/.pseudo-portal');
/** Written when the build has ended: `ok`, or why it failed. */
export const pseudoPortalStatus = join(pseudoPortalDir, 'build-status.txt');

const COPIED = ['src', 'static', 'messages', 'project.inlang', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/**
 * Builds the portal once more with `en-XA` among its languages, into frontend/.pseudo-portal/build: a copy of the
 * portal's sources beside it (its node_modules linked), the pseudo catalogue made from English, Paraglide compiled,
 * Vite's build. The production build never holds the pseudo-locale.
 */
export async function buildPseudoPortal(): Promise<void> {
  await rm(pseudoPortalDir, { recursive: true, force: true, maxRetries: 5 });
  await mkdir(pseudoPortalDir, { recursive: true });
  for (const entry of COPIED) {
    await cp(join(portal, entry), join(pseudoPortalDir, entry), {
      recursive: true,
      filter: (source) => !source.includes('/src/lib/paraglide'),
    });
  }
  await writeFile(
    join(pseudoPortalDir, 'tsconfig.json'),
    JSON.stringify({ extends: './.svelte-kit/tsconfig.json', compilerOptions: { allowImportingTsExtensions: true } }),
  );
  await symlink(join(portal, 'node_modules'), join(pseudoPortalDir, 'node_modules'));
  const english = JSON.parse(await readFile(join(portal, 'messages/en.json'), 'utf8')) as MessageCatalogue;
  await writeFile(
    join(pseudoPortalDir, `messages/${PSEUDO_LOCALE}.json`),
    JSON.stringify(pseudoCatalogue(english), null, 2),
  );
  const settingsPath = join(pseudoPortalDir, 'project.inlang/settings.json');
  const settings = JSON.parse(await readFile(settingsPath, 'utf8')) as { locales: string[] };
  settings.locales = [...settings.locales, PSEUDO_LOCALE];
  await writeFile(settingsPath, JSON.stringify(settings, null, 2));
  const bin = (name: string) => join(pseudoPortalDir, 'node_modules/.bin', name);
  await run(bin('paraglide-js'), [
    'compile',
    '--project',
    './project.inlang',
    '--outdir',
    './src/lib/paraglide',
    '--strategy',
    'custom-concord',
    'baseLocale',
    '--silent',
  ]);
  await run(bin('vite'), ['build', '--logLevel', 'warn']);
}

async function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { cwd: pseudoPortalDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
}

/** Starts the build without waiting for it; its end is written to pseudoPortalStatus for the test to read. */
export function startPseudoPortalBuild(): Promise<void> {
  return buildPseudoPortal().then(
    () => writeFile(pseudoPortalStatus, 'ok'),
    (error: unknown) =>
      writeFile(pseudoPortalStatus, String(error instanceof Error ? (error.stack ?? error.message) : error)).catch(
        () => {},
      ),
  );
}
