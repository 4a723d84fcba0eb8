import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrRects, rectsToMatrix } from './qr-code.ts';

const matrixOf = (text: string) => {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1),
  );
};

describe(qrRects.name, () => {
  it.each([
    'https://concord.example/verify',
    'https://concord.example/verify?signature=0190a6c4-6f2e-7c1d-9a3b-2f4e5d6c7b8a',
    `https://concord.example/verify?sha256=${'ab'.repeat(32)}`,
  ])('covers exactly the dark modules of the code of %s', (url) => {
    const { size, rects } = qrRects(url);
    expect(rectsToMatrix(size, rects)).toEqual(matrixOf(url));
  });

  it('merges each row into maximal runs that neither touch nor overlap', () => {
    const { size, rects } = qrRects('https://concord.example/verify');
    for (const [i, rect] of rects.entries()) {
      expect(rect.width).toBeGreaterThan(0);
      expect(rect.x + rect.width).toBeLessThanOrEqual(size);
      const next = rects[i + 1];
      if (next?.y === rect.y) expect(next.x).toBeGreaterThan(rect.x + rect.width);
    }
    // Far fewer rectangles than dark modules: that is the point of merging.
    const dark = matrixOf('https://concord.example/verify').flat().filter(Boolean).length;
    expect(rects.length).toBeLessThan(dark * 0.7);
  });
});
