import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // build/handler.js is what the all-in-one process mounts (exported as @concord/portal/handler).
    adapter: adapter({ out: 'build' }),
    // A strict policy for scripts: only the portal's own files, and the inline script that starts each page,
    // which SvelteKit marks with a fresh nonce (hashes on prerendered pages: mode 'auto'). Styles may be
    // inline: the progress bars set their width in a style attribute, which no nonce can cover.
    // frame-ancestors goes out as a header; docs/adr/0013-security-headers.md explains each directive.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
