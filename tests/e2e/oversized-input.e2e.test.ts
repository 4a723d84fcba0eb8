import { describe, expect, it } from 'vitest';
import { baseUrl, skipReason } from './browser.ts';

/**
 * What a form says about input far beyond reason, posted as a browser without JavaScript posts it (the portal
 * answers form actions as JSON to `x-sveltekit-action`, as its own enhanced forms ask).
 */
const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, 'x-sveltekit-action': 'true' },
    body: new URLSearchParams(fields),
  });

describe.skipIf(Boolean(skipReason))('[SECURITY] oversized input on the portal', () => {
  it('answers a 2 MB e-mail address on the log-in form beside the field, not with "cannot be reached"', async () => {
    const response = await postForm('/login', { email: `${'a'.repeat(2 * 1024 * 1024)}@example.org` });
    const answer = (await response.json()) as { type: string; status: number; data: string };
    expect(answer).toMatchObject({ type: 'failure', status: 400 });
    expect(answer.data).toContain('An e-mail address has at most 254 characters.');
    expect(answer.data).not.toContain('cannot be reached');
  });

  it('says the same of an address that is merely malformed', async () => {
    const response = await postForm('/login', { email: 'not an address' });
    const answer = (await response.json()) as { type: string; data: string };
    expect(answer.type).toBe('failure');
    expect(answer.data).toContain('Enter an e-mail address such as name@example.org.');
  });
});
