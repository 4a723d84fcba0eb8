import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/html-escape.ts';

describe('[E-MAIL] escapeHtml', () => {
  it('neutralises a script tag', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes both quotes, so a value cannot leave an attribute', () => {
    expect(escapeHtml(`" onmouseover="x' a='`)).toBe('&quot; onmouseover=&quot;x&#39; a=&#39;');
  });

  it('escapes the ampersand first, once', () => {
    expect(escapeHtml('R&D &amp; more')).toBe('R&amp;D &amp;amp; more');
  });

  it('leaves other text, accents and non-Latin scripts alone', () => {
    expect(escapeHtml('Société Générale – Ελληνικά – Български')).toBe('Société Générale – Ελληνικά – Български');
  });
});
