/**
 * The scripts that enhance server-rendered pages without the framework (docs/adr/0028-enhancing-without-the-framework.md):
 * each is built by vite.config.ts as an entry of its own, at `_app/enhance/<name>.js`, and loaded by
 * `<Enhancement name=… />` on the page that needs it.
 */
export const ENHANCEMENTS = {
  'live-activity': 'src/lib/enhance/live-activity.ts',
  'live-signatories': 'src/lib/enhance/live-signatories.ts',
  'verify-file': 'src/lib/enhance/verify-file.ts',
} as const;

export type EnhancementName = keyof typeof ENHANCEMENTS;

/** Where the built script is, under the app's directory. */
export const enhancementFile = (name: EnhancementName) => `_app/enhance/${name}.js`;
