/**
 * The version of the privacy notice in force: the text is the portal's /privacy page (messages `privacy_*`).
 * Change it whenever that text changes in substance; each person's acceptance of a version is recorded
 * (privacy_notice_acceptance) and the account page asks anyone who accepted an older one to read the new one.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-03';
