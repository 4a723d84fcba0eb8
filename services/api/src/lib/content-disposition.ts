/**
 * A Content-Disposition header for a file name in any script: an ASCII fallback for old clients (`filename`) and
 * the name itself, percent-encoded as UTF-8 (`filename*`, RFC 6266).
 */
export function contentDisposition(disposition: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
