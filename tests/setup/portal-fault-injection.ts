/**
 * Loaded with `--import` into the portal run on its own by tests/process/portal-faults.test.ts: gives it the two
 * kinds of bugs that escape every handler, so that the process's own handling of them is what the test watches.
 * Nothing of the portal is replaced: two addresses under /test-faults/ are answered before the portal sees them.
 */
import { Server } from 'node:http';

const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]): boolean {
  const [request, response] = args as [{ url?: string }, { writeHead(s: number): { end(b: string): void } }];
  if (event === 'request' && request.url === '/test-faults/rejection') {
    // A promise nobody awaits, failing after the answer went out.
    void Promise.reject(new Error('a promise nobody awaited'));
    response.writeHead(202).end('rejected');
    return true;
  }
  if (event === 'request' && request.url === '/test-faults/exception') {
    // Thrown from a timer: outside any request, nobody can catch it.
    setTimeout(() => {
      throw new Error('an exception nobody caught');
    }, 10);
    response.writeHead(202).end('thrown');
    return true;
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof Server.prototype.emit;
