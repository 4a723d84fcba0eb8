import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev` the portal runs on its own port; what the browser asks of the API itself (the live
// counter's WebSocket, PDFs) goes to the API on :3000, as it does on one port in the all-in-one process.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/documents': { target: api },
      '/exports': { target: api },
    },
  },
});
