import { tinyPdf } from '../../documents/src/tiny-pdf.ts';
import { UPLOAD_MAX_BYTES } from '../src/modules/document/pdf-upload.ts';

/** A small, well-formed PDF: what the upload guard parses before a file is registered. */
export const pdf = tinyPdf;

/**
 * What every PDF upload route refuses (one guard: modules/document/pdf-upload.ts), as `it.each` rows: what is
 * sent, the status it gets, the body and the headers over the route's defaults.
 */
export const REFUSED_UPLOADS = [
  ['a body that is not a PDF', 415, () => Buffer.from('<html>not a pdf</html>'), {}],
  ['an empty body', 415, () => Buffer.alloc(0), {}],
  ['a file that starts like a PDF and does not parse', 415, () => Buffer.from('%PDF-1.7\n% no objects\n%%EOF\n'), {}],
  ['another content type', 415, () => pdf('x'), { 'content-type': 'application/octet-stream' }],
  ['a JSON body', 415, () => Buffer.from('{"a":1}'), { 'content-type': 'application/json' }],
  ['more than 5 MB', 413, () => Buffer.concat([pdf('big'), Buffer.alloc(UPLOAD_MAX_BYTES)]), {}],
  [
    'a cross-site request (no X-Requested-With, foreign Origin)',
    400,
    () => pdf('x'),
    { 'x-requested-with': '', origin: 'https://evil.example' },
  ],
  ['no session', 401, () => pdf('x'), { cookie: '' }],
] as const;
