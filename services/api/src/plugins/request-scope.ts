import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface RequestScope {
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * The request whose work is running, wherever that work goes: callbacks, timers, stream events and promises
 * started while serving it. The process's last-resort handlers (lifecycle.ts) read it to tell an error that
 * escaped one request (answered, logged, and the process serves on) from one that belongs to no request.
 */
const scope = new AsyncLocalStorage<RequestScope>();

export function currentRequestScope(): RequestScope | undefined {
  return scope.getStore();
}

const kResource = Symbol('concord.requestScope');

declare module 'fastify' {
  interface FastifyRequest {
    [kResource]?: AsyncResource;
  }
}

/**
 * Enters the scope before any other hook. A body is read from socket events, which run in the connection's
 * context rather than the request's, so the hooks after it (from preValidation on) re-enter the scope.
 */
export const requestScopePlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, reply, done) => {
      scope.run({ request, reply }, () => {
        const resource = new AsyncResource('concord-request');
        request[kResource] = resource;
        resource.runInAsyncScope(done);
      });
    });
    app.addHook('preValidation', (request, _reply, done) => {
      const resource = request[kResource];
      if (resource) resource.runInAsyncScope(done);
      else done();
    });
  },
  { name: 'request-scope' },
);

/**
 * Answers a request whose work threw where no handler could catch it: 500 if nothing was sent yet, otherwise
 * the connection is cut, so that the client sees the answer failed rather than waiting for the rest of it (and a
 * shutdown does not wait for an answer that will never end). Work the request left running after its answer
 * (a promise nobody awaited) has nothing left to answer: it is logged.
 */
export function failRequest({ request, reply }: RequestScope, err: unknown): void {
  const raw = reply.raw;
  request.log.error({ err }, 'request failed: an error escaped its handlers');
  if (raw.writableEnded) return;
  if (raw.headersSent) {
    raw.destroy();
    return;
  }
  if (reply.sent) {
    // Hijacked (the portal): Fastify's reply is not ours to send through.
    raw.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
    return;
  }
  void reply.code(500).send({ error: 'Internal Server Error', requestId: request.id });
}
