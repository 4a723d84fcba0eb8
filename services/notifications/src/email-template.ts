/** The e-mails Concord sends. Each id has one entry in every locale catalogue (`locales/`). */
export type EmailTemplateId =
  | 'login-link'
  | 'signature-confirmation'
  | 'signature-approved'
  | 'signature-rejected'
  | 'signature-withdrawn'
  | 'signature-to-review';

/** What each template needs; values are plain text (the renderer escapes them) and absolute http(s) URLs. */
export interface EmailTemplateData {
  'login-link': { url: string; expiresInMinutes: number };
  'signature-confirmation': {
    organisationName: string;
    allianceName: string;
    confirmUrl: string;
    expiresInHours: number;
  };
  'signature-approved': {
    organisationName: string;
    allianceName: string;
    certificateUrl: string;
    verificationUrl: string;
  };
  'signature-rejected': { organisationName: string; allianceName: string; reason: string };
  'signature-withdrawn': { organisationName: string; allianceName: string; reason: string | null };
  /** To secretariat staff: a signature waits for review. Not transactional: carries List-Unsubscribe. */
  'signature-to-review': { organisationName: string; allianceName: string; reviewUrl: string; unsubscribeUrl: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * Where a recipient can opt out, per template. `null` marks a transactional e-mail (the recipient asked for it,
 * or it records a decision about them): those carry no List-Unsubscribe, because opting out of them makes no sense.
 */
export const unsubscribeUrlOf: { [T in EmailTemplateId]: ((data: EmailTemplateData[T]) => string) | null } = {
  'login-link': null,
  'signature-confirmation': null,
  'signature-approved': null,
  'signature-rejected': null,
  'signature-withdrawn': null,
  'signature-to-review': (data) => data.unsubscribeUrl,
};
