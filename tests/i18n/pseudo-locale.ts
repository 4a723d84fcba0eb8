/**
 * A pseudo-locale, `en-XA`, made from the English catalogue for the browser tests (issue 13): every letter of a
 * message accented, the message 40 % longer and between ⟦ ⟧, placeholders and variant keys untouched. A page
 * rendered in it shows at a glance what did not come from the catalogue (plain English) and what does not fit when
 * a translation runs longer than English, as German and French do.
 */
import type { Message, MessageCatalogue } from './catalogue-check.ts';

export const PSEUDO_LOCALE = 'en-XA';

const ACCENTED: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'đ',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ĺ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'ƥ',
  q: 'ʠ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ü',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Đ',
  E: 'É',
  F: 'Ƒ',
  G: 'Ĝ',
  H: 'Ĥ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ĺ',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Ƥ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Ü',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};
/** What lengthens a message: accented too, so that it reads as pseudo text wherever it is cut. */
const FILLER = 'ĺöñĝéŕ ţéẋţ ';
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const placeholder = /(\{\s*[A-Za-z_]\w*\s*\})/;

/** One text of a message in the pseudo-locale; `{name}` placeholders stay as they are. */
export function pseudoText(text: string): string {
  if (text.trim() === '') return text;
  const parts = text.split(placeholder);
  const accented = parts.map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => ACCENTED[c] ?? c).join('')));
  const letters = parts.filter((_, i) => i % 2 === 0).join('').length;
  const extra = Math.ceil(letters * 0.4);
  const filler = FILLER.repeat(Math.ceil(extra / FILLER.length) + 1).slice(0, extra);
  return `${PSEUDO_OPEN}${accented.join('')}${filler}${PSEUDO_CLOSE}`;
}

function pseudoMessage(message: Message): Message {
  if (typeof message === 'string') return pseudoText(message);
  return message.map((variant) => ({
    ...variant,
    match: Object.fromEntries(Object.entries(variant.match).map(([key, text]) => [key, pseudoText(text)])),
  }));
}

/** The English catalogue in the pseudo-locale: the same keys, placeholders, inputs and selectors. */
export function pseudoCatalogue(english: MessageCatalogue): MessageCatalogue {
  return Object.fromEntries(
    Object.entries(english).map(([key, message]) =>
      key === '$schema' ? [key, message] : [key, pseudoMessage(message as Message)],
    ),
  );
}
