import type { CertificateData } from './document-data.ts';
import { countryName, hexLines, isoDate, languageName } from './formats.ts';
import { documentLocaleFor, documentMessages } from './locales/index.ts';
import { drawAuditLogHead } from './page-furniture.ts';
import { applyStyle, COLOR, CONTENT_WIDTH, fitStyle, PAGE, STYLE, type TextStyle } from './page-style.ts';
import { collectPdf, createPdfDocument } from './pdf-document.ts';
import { drawQrCode } from './qr-code.ts';
import { addGroup, addTagged, drawArtifact, type StructOptions } from './tagging.ts';

const LEFT = PAGE.margins.left;
const LABEL_WIDTH = 150;
const VALUE_X = LEFT + LABEL_WIDTH;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const BOTTOM = PAGE.height - PAGE.margins.bottom;

interface BlockOptions {
  x?: number;
  width?: number;
  /** Space after the block, in points. */
  gap?: number;
  /** Cut with an ellipsis beyond this many lines (0: no limit). */
  maxLines?: number;
  options?: StructOptions;
}

/** Where the QR code sits (points, top-left origin); fixed, so the flowing text above is sized to stay clear. */
export const CERTIFICATE_QR = { x: LEFT, y: BOTTOM - 112, side: 112 } as const;

/** Renders a signature certificate; resolves with the whole file (it is small). */
export function renderCertificate(data: CertificateData): Promise<Buffer> {
  const { organisation, declaration } = data;
  // Written in its reader's language, which it declares; the declaration's own title stays as it was published.
  const language = documentLocaleFor(data.language);
  const t = documentMessages(language);
  const doc = createPdfDocument({
    title: t('certificate_document_title', { organisation: organisation.legalName }),
    subject: t('certificate_subject', {
      organisation: organisation.legalName,
      declaration: declaration.title,
      version: declaration.version,
      alliance: data.alliance.name,
    }),
    keywords: [t('certificate_keyword'), data.alliance.name, declaration.title, `signature ${data.signatureId}`],
    language,
    createdAt: data.issuedAt,
    auditLogHead: data.auditLogHead,
  });
  const done = collectPdf(doc);
  drawCertificate(doc, data, language);
  doc.end();
  return done;
}

function drawCertificate(doc: PDFKit.PDFDocument, data: CertificateData, language: string): void {
  const { organisation, declaration, signer } = data;
  const t = documentMessages(language);
  const root = doc.struct('Document');
  doc.addStructure(root);
  let y = PAGE.margins.top;

  /** One tagged block of text at the current position, then `gap` points of space. */
  const block = (
    parent: PDFKit.PDFStructureElement,
    type: string,
    text: string,
    style: TextStyle,
    { x = LEFT, width = CONTENT_WIDTH, gap = 0, maxLines = 0, options = {} }: BlockOptions = {},
  ) => {
    addTagged(
      doc,
      parent,
      type,
      () => {
        applyStyle(doc, style);
        const height = maxLines > 0 ? maxLines * doc.currentLineHeight(true) : undefined;
        doc.text(text, x, y, { width, height, ellipsis: maxLines > 0 ? '…' : undefined });
        y = doc.y + gap;
      },
      options,
    );
  };

  block(root, 'P', data.alliance.name, STYLE.eyebrow, { gap: 8, maxLines: 2 });
  drawArtifact(doc, 'Layout', () => {
    doc
      .moveTo(LEFT, y)
      .lineTo(LEFT + CONTENT_WIDTH, y)
      .lineWidth(0.75)
      .stroke(COLOR.rule);
  });
  y += 22;
  block(root, 'H1', t('certificate_title'), STYLE.title, { gap: 22 });

  block(root, 'P', t('certificate_certifies'), { ...STYLE.body, color: COLOR.muted }, { gap: 4 });
  const nameStyle = fitStyle(doc, organisation.legalName, STYLE.emphasis, {
    width: CONTENT_WIDTH,
    maxLines: 3,
    minSize: 11,
  });
  // Shrunk to fit three lines if it can; past the smallest size it may take five before it is cut.
  block(root, 'P', organisation.legalName, nameStyle, { gap: 2, maxLines: 5 });
  block(root, 'P', countryName(organisation.country, language), STYLE.body, { gap: 14 });

  block(root, 'P', t('certificate_has_signed'), { ...STYLE.body, color: COLOR.muted }, { gap: 4 });
  const titleStyle = fitStyle(
    doc,
    declaration.title,
    { ...STYLE.emphasis, size: 13 },
    {
      width: CONTENT_WIDTH,
      maxLines: 3,
      minSize: 10,
    },
  );
  block(root, 'P', declaration.title, titleStyle, { gap: 2, maxLines: 3 });
  const version = declaration.publishedAt
    ? t('certificate_version_published', {
        version: declaration.version,
        date: isoDate(declaration.publishedAt),
        alliance: data.alliance.name,
      })
    : t('certificate_version', { version: declaration.version, alliance: data.alliance.name });
  block(root, 'P', version, STYLE.body, {
    gap: 14,
    maxLines: 2,
  });

  block(root, 'P', t('certificate_signed_by'), { ...STYLE.body, color: COLOR.muted }, { gap: 4 });
  block(root, 'P', signer.name, { ...STYLE.body, face: 'bold', size: 12 }, { gap: 2, maxLines: 2 });
  block(root, 'P', signer.jobTitle, STYLE.body, { gap: 26, maxLines: 2 });

  // The facts a reader checks against the register, as label–value pairs.
  const details = addGroup(doc, root, 'L');
  const detail = (label: string, value: string, options: StructOptions = {}) => {
    const item = addGroup(doc, details, 'LI');
    const top = y;
    block(item, 'Lbl', label, STYLE.label, { width: LABEL_WIDTH - 12 });
    const labelBottom = y;
    y = top - 0.5;
    block(item, 'LBody', value, STYLE.value, { x: VALUE_X, width: VALUE_WIDTH, maxLines: 2, options });
    y = Math.max(y, labelBottom) + 7;
    item.end();
  };
  detail(t('certificate_signed_at'), isoDate(data.signedAt));
  detail(t('certificate_active_since'), isoDate(data.activatedAt));
  detail(t('certificate_issued_at'), isoDate(data.issuedAt));
  detail(t('certificate_signature_id'), data.signatureId);
  // Grouped for the eye; ActualText gives assistive technology the unbroken hash.
  detail(t('certificate_text_sha256'), hexLines(declaration.textSha256).join('\n'), {
    actual: declaration.textSha256,
  });
  // Which text the signer read: the authentic one, or a translation whose own hash follows.
  const read = data.textRead;
  const isTranslation = read !== undefined && read.language !== declaration.language;
  const authentic = languageName(declaration.language, language);
  detail(
    t('certificate_text_read'),
    isTranslation
      ? t('certificate_text_read_translation', { language: languageName(read.language, language), authentic })
      : t('certificate_text_read_authentic', { language: authentic }),
  );
  if (isTranslation) {
    detail(t('certificate_translation_sha256'), hexLines(read.textSha256).join('\n'), { actual: read.textSha256 });
  }
  details.end();

  drawVerification(doc, root, data, t);
  drawAuditLogHead(doc, data.auditLogHead);
  root.end();
}

/** The QR code and the address where anyone can check this certificate, pinned to the bottom of the page. */
function drawVerification(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  data: CertificateData,
  t: ReturnType<typeof documentMessages>,
): void {
  const qr = CERTIFICATE_QR;
  const textX = qr.x + qr.side + 24;
  const textWidth = LEFT + CONTENT_WIDTH - textX;
  addTagged(doc, root, 'Figure', () => drawQrCode(doc, data.verificationUrl, qr.x, qr.y, qr.side), {
    alt: t('certificate_qr_alt', { url: data.verificationUrl }),
    bbox: [qr.x, qr.y, qr.x + qr.side, qr.y + qr.side],
    placement: 'Block',
  });

  let y = qr.y + 4;
  addTagged(doc, root, 'H2', () => {
    applyStyle(doc, STYLE.subheading);
    doc.text(t('certificate_check_heading'), textX, y, { width: textWidth });
    y = doc.y + 4;
  });
  const paragraph = addGroup(doc, root, 'P');
  addTagged(doc, paragraph, 'Span', () => {
    applyStyle(doc, STYLE.body);
    doc.text(t('certificate_scan'), textX, y, { width: textWidth });
    y = doc.y + 2;
  });
  addTagged(doc, paragraph, 'Link', () => {
    applyStyle(doc, { ...STYLE.body, color: COLOR.accent });
    doc.text(data.verificationUrl, textX, y, { width: textWidth, link: data.verificationUrl, underline: true });
    y = doc.y + 6;
  });
  paragraph.end();
  addTagged(doc, root, 'P', () => {
    applyStyle(doc, STYLE.small);
    doc.text(t('certificate_register'), textX, y, { width: textWidth, height: BOTTOM - y, ellipsis: '…' });
  });
}
