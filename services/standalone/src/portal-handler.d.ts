// The portal's adapter-node build ships no types; this is the one export the all-in-one process uses.
declare module '@concord/portal/handler' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  // A promise while it renders a page; nothing when it serves a file.
  export const handler: (req: IncomingMessage, res: ServerResponse, next?: () => void) => unknown;
}
