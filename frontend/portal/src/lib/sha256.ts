/**
 * A SHA-256 as people paste it: any case, with spaces around, or the whole line `sha256sum` prints
 * (`<hash>  file.pdf`). Null when it is not 64 hex digits.
 */
export function readSha256(value: string): string | null {
  const [first = ''] = value.trim().split(/\s+/);
  const hash = first.toLowerCase();
  return /^[0-9a-f]{64}$/.test(hash) ? hash : null;
}

/** The SHA-256 of a file's bytes, in lower-case hex, computed where the file is (the browser). */
export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
