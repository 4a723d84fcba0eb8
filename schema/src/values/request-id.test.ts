import { describe, expect, it } from 'vitest';
import { isWellFormedRequestId, loggableUrl, traceContextHeaders } from './request-id.ts';

describe('[LOGS] a request id from outside is kept only when well formed', () => {
  it.each([
    '0193a5e2-7c1d-7f3a-9b2e-5d4c3b2a1f00',
    '4bf92f3577b34da6a3ce929d0e0e4736',
    '01JD5S7Z3K8M9N0P1Q2R3S4T5V',
    'proxy-1733241600.123:42',
    'a',
  ])('keeps %s', (id) => {
    expect(isWellFormedRequestId(id)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['too long', 'a'.repeat(129)],
    ['a line break (a forged log line)', 'abc\n{"level":60}'],
    ['spaces', 'a b'],
    ['quotes', 'a"b'],
    ['non-ASCII', 'réquête'],
    ['a leading dash', '-abc'],
    ['not a string', ['a', 'b']],
  ])('replaces one with %s', (_what, id) => {
    expect(isWellFormedRequestId(id)).toBe(false);
  });
});

describe('[LOGS] addresses in logs carry no one-time token', () => {
  it.each([
    ['/login/verify?token=s3cr3t-Token_1', '/login/verify?token=…'],
    ['/login/verify?token=abc&next=%2Faccount', '/login/verify?token=…&next=%2Faccount'],
    ['/email/opt-out?list=review&TOKEN=abc', '/email/opt-out?list=review&TOKEN=…'],
    ['/alliances/circular-plastics/signatories?country=DE', '/alliances/circular-plastics/signatories?country=DE'],
    ['/a?notoken=1', '/a?notoken=1'],
  ])('%s → %s', (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });
});

describe(traceContextHeaders.name, () => {
  const from = (headers: Record<string, string>) => traceContextHeaders((name) => headers[name]);
  const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('passes on a well-formed traceparent, with its tracestate', () => {
    expect(from({ traceparent: parent })).toEqual({ traceparent: parent });
    expect(from({ traceparent: parent, tracestate: 'vendor=abc' })).toEqual({
      traceparent: parent,
      tracestate: 'vendor=abc',
    });
  });

  it('drops what is not a W3C traceparent, and a tracestate without one', () => {
    for (const bad of [
      '',
      '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      `${parent}\r\nx-injected: 1`,
      `${parent}-extra`,
    ]) {
      expect(from({ traceparent: bad, tracestate: 'vendor=abc' })).toEqual({});
    }
    expect(from({ tracestate: 'vendor=abc' })).toEqual({});
    expect(from({ traceparent: parent, tracestate: 'x'.repeat(513) })).toEqual({ traceparent: parent });
  });
});
