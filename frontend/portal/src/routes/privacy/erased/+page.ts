/** A page to read: it works in full without JavaScript, so it ships none (docs/adr/0025-reading-pages-without-javascript.md). */
export const csr = false;
