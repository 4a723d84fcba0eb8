/**
 * Where people go next. `next` values come from URLs anyone can write, so only paths on this site pass:
 * never `//evil.example` or `https://…` (an open redirect helps phishing).
 */

export function isLocalPath(value: string | null | undefined): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 500 &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.startsWith('/\\') &&
    !hasControlCharacter(value)
  );
}

/** URL parsers drop tabs and newlines: `/\t/evil.example` would become `//evil.example`. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The path to return to, or `fallback` when `value` is missing or not a path on this site. */
export function safeNext(value: string | null | undefined, fallback = '/account'): string {
  return isLocalPath(value) ? value : fallback;
}

/** The log-in page, returning to `next` afterwards. */
export function loginHref(next?: string | null): string {
  return isLocalPath(next) && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

export const allianceHref = (slug: string) => `/alliances/${slug}`;
export const signHref = (slug: string) => `/alliances/${slug}/sign`;
/** One signatory's public page, by the organisation's id. */
export const signatoryHref = (slug: string, organisationId: string) =>
  `/alliances/${slug}/signatories/${encodeURIComponent(organisationId)}`;
export const reviewHref = (slug: string) => `/alliances/${slug}/review`;
/** The declaration's PDF, its own words in `language` (the page's): the text stays in the language it was published in. */
export const declarationPdfHref = (slug: string, language?: string) =>
  `/documents/declaration/${slug}.pdf${language ? `?lang=${encodeURIComponent(language)}` : ''}`;

/** A meeting's run sheet (PDF, for its hosts), in the reader's language. */
export const runSheetHref = (meetingId: string, language?: string) =>
  `/exports/meetings/${meetingId}/run-sheet.pdf${language ? `?lang=${encodeURIComponent(language)}` : ''}`;
