import { REQUEST_ID_HEADER, traceContextHeaders } from '@concord/schema/values';
import { type RequestEvent, redirect } from '@sveltejs/kit';
import { loginHref } from '$lib/paths';
import { apiUrl } from './graphql';
import { log } from './log';

export type Upload = { ok: true; url: string } | { ok: false; message: string };

type UploadEvent = Pick<RequestEvent, 'request' | 'getClientAddress' | 'url' | 'locals'>;

/**
 * Sends a file the browser uploaded straight to the API with the browser's session cookie and address. It goes
 * with the global fetch: SvelteKit's own would route a same-origin URL back into the portal. X-Requested-With is
 * what the API asks of uploads that do not come from its own origin (its CSRF check). A session that ended
 * meanwhile sends the person to sign in and come back. Null when the API could not be reached (logged here).
 */
async function forwardFile(
  event: UploadEvent,
  request: { method: 'PUT' | 'POST'; path: string; contentType: string; file: File; timeoutMs: number },
): Promise<{ response: Response; body: Record<string, string | undefined> } | null> {
  const target = new URL(request.path, apiUrl());
  const headers = new Headers({
    'content-type': request.contentType,
    'x-requested-with': 'concord-portal',
    'x-forwarded-for': event.getClientAddress(),
    [REQUEST_ID_HEADER]: event.locals.requestId,
    ...traceContextHeaders((name) => event.request.headers.get(name)),
  });
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  let response: Response;
  try {
    response = await globalThis.fetch(target, {
      method: request.method,
      headers,
      body: await request.file.arrayBuffer(),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (cause) {
    log.error({ url: target.href, err: cause }, 'upload failed: the API could not be reached');
    return null;
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, string | undefined>;
  if (response.status === 401) redirect(303, loginHref(event.url.pathname + event.url.search));
  return { response, body };
}

/**
 * Forwards a PDF (already checked to be one, of at most 5 MB) to one of the API's upload routes
 * (`PUT /pledges/<id>/statement`, `PUT /progress-reports/<id>/evidence`).
 */
export async function uploadPdf(event: UploadEvent, path: string, file: File): Promise<Upload> {
  const sent = await forwardFile(event, {
    method: 'PUT',
    path,
    contentType: 'application/pdf',
    file,
    timeoutMs: 30_000,
  });
  if (!sent) return { ok: false, message: '' };
  const { response, body } = sent;
  if (!response.ok || !body.url) return { ok: false, message: body.error ?? '' };
  return { ok: true, url: body.url };
}

/** A pledge's signed statement, attached to the version being drafted. */
export const uploadStatement = (event: UploadEvent, pledgeId: string, file: File) =>
  uploadPdf(event, `/pledges/${encodeURIComponent(pledgeId)}/statement`, file);

/** The evidence behind a progress report that is waiting for validation or an answer. */
export const uploadEvidence = (event: UploadEvent, reportId: string, file: File) =>
  uploadPdf(event, `/progress-reports/${encodeURIComponent(reportId)}/evidence`, file);

export type RegisterUpload = { ok: true; id: string } | { ok: false; message: string; field: string | null };

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Forwards a register file (CSV or XLSX) to `POST /register-import/alliances/<slug>`, which checks it (the dry run)
 * and answers its id.
 */
export async function uploadRegisterImport(
  event: UploadEvent,
  slug: string,
  file: File,
  sheet: string,
): Promise<RegisterUpload> {
  const isXlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX_MEDIA_TYPE;
  const query = new URLSearchParams({ fileName: file.name || 'register', ...(isXlsx ? {} : { sheet }) });
  const sent = await forwardFile(event, {
    method: 'POST',
    path: `/register-import/alliances/${encodeURIComponent(slug)}?${query}`,
    contentType: isXlsx ? XLSX_MEDIA_TYPE : 'text/csv',
    file,
    timeoutMs: 120_000,
  });
  if (!sent) return { ok: false, message: '', field: null };
  const { response, body } = sent;
  if (!response.ok || !body.id) return { ok: false, message: body.error ?? '', field: body.field ?? null };
  return { ok: true, id: body.id };
}
