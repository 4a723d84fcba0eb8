import { describe, expect, test } from 'vitest';
import { declarationPdfHref, isLocalPath, loginHref, runSheetHref, safeNext, signatoryHref } from './paths';

describe('safeNext', () => {
  test.each(['/account', '/alliances/x/sign?y=1', '/'])('keeps the local path %s', (path) => {
    expect(safeNext(path)).toBe(path);
  });
  test.each([
    '//evil.example',
    '/\\evil.example',
    'https://evil.example/',
    'account',
    '',
    null,
    undefined,
    '/\t/evil.example',
  ])('refuses %s', (value) => {
    expect(safeNext(value)).toBe('/account');
    expect(isLocalPath(value)).toBe(false);
  });
});

describe('loginHref', () => {
  test('comes back to where the reader was', () => {
    expect(loginHref('/account?withdraw=1')).toBe('/login?next=%2Faccount%3Fwithdraw%3D1');
  });
  test('drops what is not a local path', () => {
    expect(loginHref('https://evil.example')).toBe('/login');
    expect(loginHref(null)).toBe('/login');
  });
});

describe('signatoryHref', () => {
  test("is the signatory's page under its alliance, by the organisation's id", () => {
    expect(signatoryHref('circular-plastics', '0190a0b0-0000-7000-8000-000000000000')).toBe(
      '/alliances/circular-plastics/signatories/0190a0b0-0000-7000-8000-000000000000',
    );
  });
});

describe('declarationPdfHref', () => {
  test('asks for the document in the page’s language', () => {
    expect(declarationPdfHref('circular-plastics')).toBe('/documents/declaration/circular-plastics.pdf');
    expect(declarationPdfHref('circular-plastics', 'fr')).toBe('/documents/declaration/circular-plastics.pdf?lang=fr');
  });
});

describe('runSheetHref', () => {
  test('asks the API for the meeting’s run sheet in the page’s language', () => {
    const id = '0190a0b0-0000-7000-8000-000000000000';
    expect(runSheetHref(id)).toBe(`/exports/meetings/${id}/run-sheet.pdf`);
    expect(runSheetHref(id, 'de')).toBe(`/exports/meetings/${id}/run-sheet.pdf?lang=de`);
  });
});
