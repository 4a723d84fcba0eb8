import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { ENHANCEMENTS, enhancementFile } from './src/lib/enhance/entries';

// In `vite dev` the portal runs on its own port; what the browser asks of the API itself (the live
// counter's WebSocket, PDFs) goes to the API on :3000, as it does on one port in the all-in-one process.
const api = 'http://127.0.0.1:3000';

/**
 * The scripts of src/lib/enhance, each an entry of the client build at a name of its own (docs/adr/0028): pages
 * rendered without the framework load them, and they share chunks with nothing that the framework needs.
 */
function enhancements(): Plugin {
  return {
    name: 'concord-enhancements',
    apply: 'build',
    buildStart() {
      if (this.environment.name !== 'client') return;
      for (const [name, source] of Object.entries(ENHANCEMENTS)) {
        this.emitFile({
          type: 'chunk',
          id: fileURLToPath(new URL(source, import.meta.url)),
          fileName: enhancementFile(name as keyof typeof ENHANCEMENTS),
        });
      }
    },
  };
}

export default defineConfig({
  plugins: [sveltekit(), enhancements()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/documents': { target: api },
      '/exports': { target: api },
    },
  },
});
