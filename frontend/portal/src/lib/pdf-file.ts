/** The API's limit for a file a signatory uploads (a signed pledge statement, a report's evidence). */
export const PDF_MAX_BYTES = 5 * 1024 * 1024;

export type PdfProblem = 'not_pdf' | 'too_large';

/**
 * The PDF chosen in the form's file control `name`, if one was: at most 5 MB and starting like a PDF (the API
 * checks both again). No file chosen is not a problem; the caller decides whether one is required.
 */
export async function readPdfFile(
  data: FormData,
  name: string,
): Promise<{ file: File | null; problem: PdfProblem | null }> {
  const value = data.get(name);
  if (!(value instanceof File) || (value.size === 0 && !value.name)) return { file: null, problem: null };
  if (value.size > PDF_MAX_BYTES) return { file: null, problem: 'too_large' };
  const head = new TextDecoder('latin1').decode(await value.slice(0, 5).arrayBuffer());
  if (head !== '%PDF-') return { file: null, problem: 'not_pdf' };
  return { file: value, problem: null };
}
