import { fileURLToPath } from 'node:url';

/**
 * DejaVu Sans, shipped in the package (fonts/, with its licence): it covers Latin, Greek and Cyrillic, so every
 * EU language renders, and it is embedded (subset) in every PDF, as PDF/A requires. The paths double as PDFKit
 * font names: the regular face is the document's default font, so PDFKit never loads Helvetica, a standard-14
 * font that cannot be embedded.
 */
export const FONT = {
  regular: fileURLToPath(new URL('../fonts/DejaVuSans.ttf', import.meta.url)),
  bold: fileURLToPath(new URL('../fonts/DejaVuSans-Bold.ttf', import.meta.url)),
} as const;

export type FontFace = keyof typeof FONT;
