import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterCount, emailAddress, isStorableText, text } from './text.ts';

const line = { max: 20, isRequired: true };

describe('text', () => {
  it('trims, and answers null for an empty optional field', () => {
    expect(text('  Plastics Recyclers Europe  ', { max: 100 })).toEqual({
      ok: true,
      value: 'Plastics Recyclers Europe',
    });
    expect(text('   ', { max: 100 })).toEqual({ ok: true, value: null });
    expect(text(undefined, { max: 100 })).toEqual({ ok: true, value: null });
    expect(text(null, line)).toMatchObject({ ok: false, problem: 'required' });
    expect(text(' \n ', line)).toMatchObject({ ok: false, problem: 'required' });
  });

  it.each([
    ['a\u0000b', 'nul'],
    ['\u0000', 'nul'],
    ['a\ud800b', 'surrogate'],
    ['a\udc00', 'surrogate'],
    ['\udfff\ud800', 'surrogate'],
    ['a\u0007b', 'control'],
    ['a\u001bb', 'control'],
    ['a\u007fb', 'control'],
    ['a\u0085b', 'control'],
    ['a\tb', 'control'],
    ['a\nb', 'line_break'],
    ['a\r\nb', 'line_break'],
    ['a\u2028b', 'line_break'],
    ['x'.repeat(21), 'too_long'],
  ])('refuses %j in a one-line field (%s)', (value, problem) => {
    expect(text(value, line)).toMatchObject({ ok: false, problem });
  });

  it('keeps emoji and other astral characters whole, and counts them once', () => {
    expect(text('🌍♻️ Recycling', line)).toEqual({ ok: true, value: '🌍♻️ Recycling' });
    expect(characterCount('🌍')).toBe(1);
    expect(text('🌍'.repeat(20), line)).toMatchObject({ ok: true });
    expect(text('🌍'.repeat(21), line)).toMatchObject({ ok: false, problem: 'too_long' });
  });

  it('counts combining marks: 300 of them on one letter are not one character', () => {
    expect(text(`e${'\u0301'.repeat(300)}`, { max: 200 })).toMatchObject({ ok: false, problem: 'too_long' });
    expect(text('Société', { max: 7 })).toMatchObject({ ok: true, value: 'Société' });
  });

  it('allows line breaks and tabs where the field is multi-line, as LF', () => {
    const multi = { max: 100, isMultiline: true };
    expect(text('one\r\ntwo\rthree\n\tfour', multi)).toEqual({ ok: true, value: 'one\ntwo\nthree\n\tfour' });
    expect(text('a\u0000b', multi)).toMatchObject({ ok: false, problem: 'nul' });
    expect(text('a\u0008b', multi)).toMatchObject({ ok: false, problem: 'control' });
  });

  it('refuses direction overrides and isolates in names only', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(text(`Acme${c}moc.exe`, { max: 100, isName: true })).toMatchObject({ ok: false, problem: 'bidi' });
      expect(text(`Acme${c}moc.exe`, { max: 100 })).toMatchObject({ ok: true });
    }
    expect(text('شركة البلاستيك', { max: 100, isName: true })).toMatchObject({ ok: true });
  });

  it('min counts too', () => {
    expect(text('ab', { max: 10, min: 3 })).toMatchObject({ ok: false, problem: 'too_short' });
  });

  it('whatever arrives, the answer is well-formed text within the limit, or a refusal with a message', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        (value, isMultiline, isName) => {
          const result = text(value, { max: 30, isMultiline, isName });
          if (!result.ok) return result.message.length > 0;
          if (result.value === null) return value.trim() === '';
          return (
            result.value === result.value.trim() &&
            characterCount(result.value) <= 30 &&
            isStorableText(result.value) &&
            !result.value.includes('\u0000') &&
            (isMultiline || !/[\r\n]/.test(result.value))
          );
        },
      ),
    );
  });
});

describe('emailAddress', () => {
  it.each(['name@example.org', ' Name@Example.ORG '])('accepts %j', (value) => {
    expect(emailAddress(value)).toMatchObject({ ok: true });
  });
  it.each(['', 'name', 'name@', '@example.org', 'name@example', 'a b@example.org', 'name@exa\u0000mple.org'])(
    'refuses %j',
    (value) => {
      expect(emailAddress(value)).toMatchObject({ ok: false });
    },
  );
  it('refuses more than 254 characters', () => {
    expect(emailAddress(`${'a'.repeat(60)}@${'b'.repeat(200)}.org`)).toMatchObject({ ok: false, problem: 'too_long' });
  });
});
