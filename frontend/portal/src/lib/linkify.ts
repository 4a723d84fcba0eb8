/**
 * Splits plain text into text and links, so that a page can render the links as <a> elements and
 * everything else as text: nothing from the text is ever parsed as HTML. Only http(s) addresses become
 * links; punctuation that ends a sentence stays outside the link.
 */

export type Segment = { text: string; href?: undefined } | { text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"»]+$/;

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    // A closing parenthesis belongs to the address when the address opened one.
    const keep = trailing.startsWith(')') && url.includes('(') ? 1 : 0;
    url = url.slice(0, url.length - trailing.length + keep);
    if (start > last) segments.push({ text: text.slice(last, start) });
    if (isHttpUrl(url)) segments.push({ text: url, href: url });
    else segments.push({ text: url });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
