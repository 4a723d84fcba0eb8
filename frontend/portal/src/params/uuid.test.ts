import { describe, expect, test } from 'vitest';
import { match } from './uuid';

describe('the uuid matcher', () => {
  test.each(['0190a0b0-0000-7000-8000-000000000000', '0190A0B0-0000-7000-8000-00000000000F'])('takes %s', (id) => {
    expect(match(id)).toBe(true);
  });
  test.each([
    'acme',
    '',
    '0190a0b0-0000-7000-8000-00000000000',
    '0190a0b0-0000-7000-8000-000000000000x',
    "0190a0b0-0000-7000-8000-000000000000' or 1=1",
    '0190a0b0000070008000000000000000',
  ])('refuses %j', (id) => {
    expect(match(id)).toBe(false);
  });
});
