/**
 * The security headers of every portal answer, besides the Content-Security-Policy that SvelteKit writes
 * itself (`kit.csp` in svelte.config.js, with a nonce for each page's own scripts). The API sends the same
 * values (services/api/src/plugins/security-headers.ts); in the all-in-one process it also covers the
 * portal's static files.
 */
export function securityHeaders(url: URL): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    // Log-in links carry their token in the address: no other site learns it from a Referer. Not
    // `no-referrer`, under which browsers send `Origin: null` with a form post and SvelteKit refuses it.
    'referrer-policy': 'same-origin',
    'permissions-policy':
      'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    // Only where people reach the portal over https (its ORIGIN): over http browsers ignore it.
    ...(url.protocol === 'https:' ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/**
 * The response with the headers it does not set itself (a page may ask for a stricter Referrer-Policy); a
 * response whose headers cannot change (a fetch passed on) is copied.
 */
export function withSecurityHeaders(response: Response, url: URL): Response {
  const missing = Object.entries(securityHeaders(url)).filter(([name]) => !response.headers.has(name));
  try {
    for (const [name, value] of missing) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of missing) copy.headers.set(name, value);
    return copy;
  }
}
