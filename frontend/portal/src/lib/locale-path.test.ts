import { describe, expect, test } from 'vitest';
import { alternates, delocalizePath, keepLocaleOf, localeOfPath, localizePath, switchedPath } from './locale-path';

describe('the language in the address', () => {
  test.each([
    ['/fr/alliances/x', 'fr'],
    ['/de', 'de'],
    ['/en/verify?x=1', 'en'],
    ['/fr?next=/', 'fr'],
    ['/alliances/x', undefined],
    ['/french/x', undefined],
    ['/frx', undefined],
    ['/it/alliances/x', undefined],
  ])('%s is in %s', (path, locale) => {
    expect(localeOfPath(path)).toBe(locale);
  });

  test.each([
    ['/fr/alliances/x', '/alliances/x'],
    ['/fr', '/'],
    ['/de?x=1', '/?x=1'],
    ['/alliances/x', '/alliances/x'],
    ['/frites', '/frites'],
  ])('%s routes to %s', (path, route) => {
    expect(delocalizePath(path)).toBe(route);
  });

  test('a link keeps the language of the address it is written on, and only a page of this site gets one', () => {
    expect(keepLocaleOf('/fr/alliances/x', '/account')).toBe('/fr/account');
    expect(keepLocaleOf('/de/verify', '/')).toBe('/de');
    expect(keepLocaleOf('/alliances/x', '/account')).toBe('/account');
    expect(keepLocaleOf('/fr/x', '/de/account')).toBe('/de/account');
    expect(keepLocaleOf('/fr/x', '/documents/declaration/x.pdf')).toBe('/documents/declaration/x.pdf');
    expect(keepLocaleOf('/fr/x', '/exports/pledges.csv')).toBe('/exports/pledges.csv');
    expect(keepLocaleOf('/fr/x', '/graphql')).toBe('/graphql');
    expect(keepLocaleOf('/fr/x', '//evil.example/')).toBe('//evil.example/');
    expect(keepLocaleOf('/fr/x', 'https://example.org/')).toBe('https://example.org/');
    expect(keepLocaleOf('/fr/x', '?/approve')).toBe('?/approve');
    expect(localizePath('/account', undefined)).toBe('/account');
  });

  test('every language has an address for the page, and the unprefixed one is the reader’s own (x-default)', () => {
    expect(alternates('/fr/alliances/x')).toEqual([
      { hreflang: 'en', path: '/en/alliances/x' },
      { hreflang: 'fr', path: '/fr/alliances/x' },
      { hreflang: 'de', path: '/de/alliances/x' },
      { hreflang: 'x-default', path: '/alliances/x' },
    ]);
    expect(alternates('/')[1]).toEqual({ hreflang: 'fr', path: '/fr' });
  });

  test('the switcher leads to the same page in the language chosen, English without a prefix', () => {
    expect(switchedPath('/fr/alliances/x?country=DE', 'de')).toBe('/de/alliances/x?country=DE');
    expect(switchedPath('/fr/alliances/x', 'en')).toBe('/alliances/x');
    expect(switchedPath('/alliances/x', 'fr')).toBe('/fr/alliances/x');
  });
});
