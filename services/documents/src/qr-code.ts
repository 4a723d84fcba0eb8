import QRCode from 'qrcode';

/** One dark run of a QR code row, in module units: `width` modules starting at column `x` of row `y`. */
export interface QrRect {
  x: number;
  y: number;
  width: number;
}

/**
 * The dark modules of the QR code of `text` (error correction M, readable with a scratched print), merged into
 * horizontal runs so that the page carries a few hundred rectangles rather than one per module. Vector
 * rectangles, not an image, so the code stays sharp at any zoom and the PDF needs no image colour handling.
 */
export function qrRects(text: string): { size: number; rects: QrRect[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const rects: QrRect[] = [];
  for (let y = 0; y < modules.size; y++) {
    let x = 0;
    while (x < modules.size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < modules.size && modules.get(y, x)) x++;
      rects.push({ x: start, y, width: x - start });
    }
  }
  return { size: modules.size, rects };
}

/** The module matrix the rectangles cover, row by row (true = dark): the inverse of `qrRects`, for checks. */
export function rectsToMatrix(size: number, rects: readonly QrRect[]): boolean[][] {
  const matrix = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const { x, y, width } of rects) {
    const row = matrix[y];
    if (!row) throw new RangeError(`row ${y} is outside a ${size}-module code`);
    for (let i = x; i < x + width; i++) row[i] = true;
  }
  return matrix;
}

/**
 * Draws the QR code of `text` as a square of side `side` points with its top-left corner at (x, y), quiet zone
 * excluded (leave 4 modules of white around it).
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, rects } = qrRects(text);
  const unit = side / size;
  doc.save();
  for (const rect of rects) doc.rect(x + rect.x * unit, y + rect.y * unit, rect.width * unit, unit);
  // One path, one fill operator for the whole code.
  doc.fill('#000000');
  doc.restore();
}
