import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // build/handler.js is what the all-in-one process mounts (exported as @concord/portal/handler).
    adapter: adapter({ out: 'build' }),
  },
};

export default config;
