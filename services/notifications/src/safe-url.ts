/**
 * Normalises a link target and refuses anything but http(s). The URLs come from our own configuration, but a
 * `javascript:` or `data:` link in an e-mail would be a hole, and `new URL` also percent-encodes spaces, quotes
 * and angle brackets and drops line breaks, which keeps the value safe inside an attribute and a header.
 */
export function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not an absolute URL for an e-mail link: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Only http(s) links may appear in an e-mail, got ${parsed.protocol}`);
  }
  return parsed.href;
}
