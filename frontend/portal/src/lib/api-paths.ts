/**
 * Addresses the API answers in the all-in-one process (and beside the portal behind a proxy): never prefixed,
 * they are not pages.
 */
export const API_PATHS = [
  '/graphql',
  '/documents/',
  '/exports/',
  '/audit/',
  '/progress-reports/',
  '/pledges/',
  '/register-import/',
  '/healthz',
  '/readyz',
];
