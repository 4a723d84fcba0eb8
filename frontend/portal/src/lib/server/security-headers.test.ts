import { describe, expect, test } from 'vitest';
import { securityHeaders, withSecurityHeaders } from './security-headers';

describe('security headers of the portal', () => {
  test('nosniff, no referrer and no powerful features everywhere; HSTS only over https', () => {
    const http = securityHeaders(new URL('http://127.0.0.1:3000/alliances'));
    expect(http).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
    expect(http['permissions-policy']).toMatch(/camera=\(\)/);
    expect(http).not.toHaveProperty('strict-transport-security');
    const https = securityHeaders(new URL('https://concord.example.eu/'));
    expect(https['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  test('a page’s own stricter Referrer-Policy stays', () => {
    const page = new Response('', { headers: { 'referrer-policy': 'no-referrer' } });
    const answered = withSecurityHeaders(page, new URL('http://127.0.0.1:3000/email/opt-out'));
    expect(answered.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answered.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('a response whose headers cannot change is copied with them', async () => {
    const immutable = Response.redirect('https://concord.example.eu/login', 303);
    expect(() => immutable.headers.set('x-test', '1')).toThrow();
    const answered = withSecurityHeaders(immutable, new URL('https://concord.example.eu/'));
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe('https://concord.example.eu/login');
    expect(answered.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
