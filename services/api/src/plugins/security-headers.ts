import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Security headers on every answer of the process. The portal sets the same ones itself
 * (frontend/portal/src/lib/server/security-headers.ts) with its own Content-Security-Policy, so that it has
 * them when it runs alone; in the all-in-one process these cover its static files as well.
 */

/** Features the portal never uses, refused to the page and to anything it might embed. */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';
/**
 * Log-in links carry their token in the address: no other site learns it from a Referer. Not `no-referrer`:
 * browsers then send `Origin: null` with a same-origin form post, which the portal's CSRF check refuses.
 */
export const REFERRER_POLICY = 'same-origin';
/** Two years, subdomains included; sent only when PUBLIC_URL is https (browsers ignore it over http). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** An API answer (JSON, CSV) loads nothing and shows in no frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** A PDF is shown by the browser's own viewer, which a `default-src 'none'` may stop; it still shows in no frame. */
const FRAME_ONLY_CSP = "frame-ancestors 'none'";

/** The headers every answer gets, whoever writes it: the API, the portal, a static file. */
export function commonSecurityHeaders(publicUrl: string): [string, string][] {
  return [
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', REFERRER_POLICY],
    ['permissions-policy', PERMISSIONS_POLICY],
    ...(publicUrl.startsWith('https://') ? [['strict-transport-security', HSTS] as [string, string]] : []),
  ];
}

function apiPolicy(request: FastifyRequest, reply: FastifyReply): string {
  const type = String(reply.getHeader('content-type') ?? '');
  // GraphiQL (development only) is an HTML page with its own scripts.
  if (type.startsWith('application/pdf') || request.url.startsWith('/graphiql')) return FRAME_ONLY_CSP;
  return API_CSP;
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance) => {
    const common = commonSecurityHeaders(app.config.publicUrl);
    // On the raw response, so that answers Fastify does not write itself (the portal, mounted with
    // reply.hijack() in the all-in-one process) carry them too.
    app.addHook('onRequest', async (_request, reply) => {
      for (const [name, value] of common) reply.raw.setHeader(name, value);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (!reply.hasHeader('content-security-policy'))
        reply.header('content-security-policy', apiPolicy(request, reply));
      return payload;
    });
  },
  { name: 'security-headers', dependencies: ['config'] },
);
