import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from '../setup/e2e.ts';

const e2e = inject('e2e');
/** Why the browser suite is skipped, or undefined when it runs. */
export const skipReason = 'skip' in e2e ? e2e.skip : undefined;
/** This worker's own server (VITEST_POOL_ID counts the workers from 1): files of one worker run one at a time. */
const worker = Number(process.env.VITEST_POOL_ID ?? 1);
export const baseUrl = 'baseUrls' in e2e ? (e2e.baseUrls[(worker - 1) % e2e.baseUrls.length] ?? '') : '';

export async function launch(): Promise<Browser> {
  if (!('chromium' in e2e)) throw new Error('no browser');
  return chromium.launch({ executablePath: e2e.chromium, args: CHROMIUM_ARGS });
}

/**
 * axe's WCAG 2.1 A and AA rules: the level the EU Web Accessibility Directive asks of public sites. In axe.run's
 * "legacy" mode, in the page itself: the default injects axe into every frame and again into a blank page it opens
 * to merge the frames' results, which our pages (one origin, no frames) do not need, at a cost paid on every one of
 * the suite's many checks. Only violations are gathered: the passes were never read.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // options() replaces what withTags() set: it goes first.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
