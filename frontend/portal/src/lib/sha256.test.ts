import { describe, expect, test } from 'vitest';
import { readSha256, sha256Hex } from './sha256';

const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('readSha256', () => {
  test('accepts a hash in any case, with spaces around it', () => {
    expect(readSha256(`  ${hash.toUpperCase()} `)).toBe(hash);
  });
  test('accepts the line sha256sum prints', () => {
    expect(readSha256(`${hash}  certificate.pdf`)).toBe(hash);
  });
  test.each(['', 'abc', `${hash}0`, hash.replace('e', 'g')])('refuses %j', (value) => {
    expect(readSha256(value)).toBeNull();
  });
});

test('sha256Hex hashes bytes as sha256sum does', async () => {
  expect(await sha256Hex(new ArrayBuffer(0))).toBe(hash);
});
