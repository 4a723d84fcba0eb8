import { type EmailBlock, type EmailCatalogue, type EmailContent, link } from './email-content.ts';
import { type DigestEntry, digestEntryUrl } from './email-template.ts';

/**
 * The items of a digest, one link each, named by the subject its own e-mail would have had in the catalogue's
 * language: the wording of each kind of e-mail has one home, its template.
 */
export function digestLinks(catalogue: EmailCatalogue, entries: readonly DigestEntry[]): EmailBlock[] {
  return entries.map((entry) => {
    const render = catalogue.templates[entry.template] as (data: unknown) => EmailContent;
    return link(render({ ...entry.data, unsubscribeUrl: '' }).subject, digestEntryUrl(entry));
  });
}
