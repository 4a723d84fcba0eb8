import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('[START] PUBLIC_URL is the one public address', () => {
  it('refuses an ORIGIN that disagrees with PUBLIC_URL, naming both', () => {
    const load = () => loadConfig({ PUBLIC_URL: 'https://concord.example.eu', ORIGIN: 'http://localhost:3000' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ORIGIN.*PUBLIC_URL|PUBLIC_URL.*ORIGIN/);
  });

  it('refuses an ORIGIN set without PUBLIC_URL when it differs from the default address', () => {
    expect(() => loadConfig({ PORT: '3000', ORIGIN: 'https://concord.example.eu' })).toThrow(ConfigError);
  });

  it('accepts an ORIGIN that is the origin of PUBLIC_URL, and gives the portal that origin', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://concord.example.eu/', ORIGIN: 'https://concord.example.eu' });
    expect(config.publicUrl).toBe('https://concord.example.eu');
    expect(config.origin).toBe('https://concord.example.eu');
  });

  it('derives the origin from a PUBLIC_URL with a path', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://example.eu/concord' });
    expect(config.origin).toBe('https://example.eu');
  });
});
