/**
 * Loaded with `--import` into a real Concord process by the fault tests (tests/process/process-faults.db.test.ts):
 * gives it the kinds of bugs that escape every handler, so that the process's own handling of them is what the
 * tests watch. Nothing of Concord is replaced: routes are added to the app it builds (Fastify announces each
 * instance on the `fastify.initialization` diagnostics channel), and a signal throws outside any request.
 */
import { subscribe } from 'node:diagnostics_channel';
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';

subscribe('fastify.initialization', (message) => {
  const { fastify } = message as { fastify: FastifyInstance };
  // A stream whose 'error' nobody listens to: what a file that vanished does under a static file server.
  fastify.get('/test-faults/stream-error', (_request, reply) => {
    createReadStream('/nonexistent/concord-fault-injection').pipe(reply.raw);
  });
  // A promise nobody awaits, that fails while the request waits.
  fastify.get('/test-faults/rejection', async () => {
    void Promise.reject(new Error('a promise nobody awaited'));
    return new Promise(() => {});
  });
});

// A signal handler runs outside any request: what it throws belongs to the process.
process.on('SIGUSR2', () => {
  throw new Error('an error outside any request');
});
