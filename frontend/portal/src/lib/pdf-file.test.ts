import { describe, expect, test } from 'vitest';
import { PDF_MAX_BYTES, readPdfFile } from './pdf-file';

describe('readPdfFile', () => {
  const form = (name: string, file?: File) => {
    const data = new FormData();
    if (file) data.set(name, file);
    return data;
  };
  test('reads the named control only; no file chosen is no file and no problem', async () => {
    const pdf = new File(['%PDF-1.7\n…'], 'evidence.pdf', { type: 'application/pdf' });
    await expect(readPdfFile(form('evidence', pdf), 'evidence')).resolves.toEqual({ file: pdf, problem: null });
    await expect(readPdfFile(form('evidence', pdf), 'statement')).resolves.toEqual({ file: null, problem: null });
    await expect(readPdfFile(form('evidence', new File([], '')), 'evidence')).resolves.toEqual({
      file: null,
      problem: null,
    });
  });
  test('judges by the first bytes, not by the name or the declared type', async () => {
    const renamed = new File(['<html>'], 'evidence.pdf', { type: 'application/pdf' });
    await expect(readPdfFile(form('f', renamed), 'f')).resolves.toEqual({ file: null, problem: 'not_pdf' });
    const unnamed = new File(['%PDF-1.4'], 'scan', { type: 'application/octet-stream' });
    await expect(readPdfFile(form('f', unnamed), 'f')).resolves.toEqual({ file: unnamed, problem: null });
  });
  test('takes exactly 5 MB and refuses one byte more', async () => {
    const head = new TextEncoder().encode('%PDF-');
    const exact = new File([head, new Uint8Array(PDF_MAX_BYTES - head.length)], 'exact.pdf');
    await expect(readPdfFile(form('f', exact), 'f')).resolves.toMatchObject({ problem: null });
    const over = new File([head, new Uint8Array(PDF_MAX_BYTES - head.length + 1)], 'over.pdf');
    await expect(readPdfFile(form('f', over), 'f')).resolves.toEqual({ file: null, problem: 'too_large' });
  });
});
