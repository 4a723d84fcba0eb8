/**
 * The alliance page's live signatory count, without the framework (docs/adr/0028-enhancing-without-the-framework.md):
 * the page is server-rendered and ships no Svelte; this module, loaded by it, subscribes to `signatureAdded` and
 * writes each new count into the figure marked `data-live-signatories`, announcing the newcomer in the page's
 * polite live region. After a dropped connection it asks for the count again, to catch what it missed.
 */
import { formatCount } from '../format';
import {
  SignatoryCountDocument,
  type SignatoryCountQuery,
  SignatureAddedDocument,
  type SignatureAddedSubscription,
} from '../graphql/operations.generated';
import { sameHostUrl, subscribe } from '../live/graphql-ws';
import { live_signatory_added } from '../paraglide/messages/live_signatory_added.js';
import { baseLocale, isLocale } from '../paraglide/runtime.js';

export function enhanceLiveSignatories(document: Document): () => void {
  const figure = document.querySelector<HTMLElement>('[data-live-signatories]');
  const announcer = document.querySelector<HTMLElement>('[data-live-announcer]');
  const allianceSlug = figure?.dataset.liveSignatories;
  if (!figure || !announcer || !allianceSlug) return () => {};
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : baseLocale;
  const show = (count: number) => {
    figure.textContent = formatCount(count, locale);
  };
  let hasConnected = false;
  return subscribe<SignatureAddedSubscription>({
    url: sameHostUrl(document.location),
    query: SignatureAddedDocument.toString(),
    variables: { allianceSlug },
    onConnected: () => {
      if (hasConnected) void refetch(allianceSlug).then((count) => count !== null && show(count));
      hasConnected = true;
    },
    onData: ({ signatureAdded }) => {
      show(signatureAdded.signatoryCount);
      announcer.textContent = live_signatory_added(
        {
          organisation: signatureAdded.organisationName,
          countText: formatCount(signatureAdded.signatoryCount, locale),
        },
        { locale },
      );
    },
  });
}

/** The count as the API has it now, or null when it cannot be asked. */
async function refetch(slug: string): Promise<number | null> {
  try {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: SignatoryCountDocument.toString(), variables: { slug } }),
    });
    const body = (await response.json()) as { data?: SignatoryCountQuery };
    return body.data?.alliance?.counts.signatories ?? null;
  } catch {
    return null;
  }
}

if (typeof document !== 'undefined') enhanceLiveSignatories(document);
