import { describe, expect, test } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  test('turns http(s) addresses into links and leaves the rest as text', () => {
    expect(linkify('Sign in: https://concord.example/login/verify?token=abc&next=%2Faccount.\nThanks')).toEqual([
      { text: 'Sign in: ' },
      {
        text: 'https://concord.example/login/verify?token=abc&next=%2Faccount',
        href: 'https://concord.example/login/verify?token=abc&next=%2Faccount',
      },
      { text: '.\nThanks' },
    ]);
  });

  test('keeps markup as text, never as a link or an element', () => {
    const segments = linkify('<a href="javascript:alert(1)">x</a> javascript:alert(1) <script>');
    expect(segments).toEqual([{ text: '<a href="javascript:alert(1)">x</a> javascript:alert(1) <script>' }]);
  });

  test('leaves a closing bracket outside unless the address opened one', () => {
    expect(linkify('(see http://a.example/x)')).toEqual([
      { text: '(see ' },
      { text: 'http://a.example/x', href: 'http://a.example/x' },
      { text: ')' },
    ]);
    expect(linkify('http://a.example/wiki/X_(y)')[0]).toEqual({
      text: 'http://a.example/wiki/X_(y)',
      href: 'http://a.example/wiki/X_(y)',
    });
  });

  test('text without links is one segment', () => {
    expect(linkify('Hello')).toEqual([{ text: 'Hello' }]);
    expect(linkify('')).toEqual([]);
  });
});
