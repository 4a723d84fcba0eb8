/**
 * /verify's file field, without the framework (docs/adr/0028-enhancing-without-the-framework.md): the PDF chosen is
 * hashed here, in the browser (nothing is uploaded), its fingerprint goes into the SHA-256 field and the form is sent
 * as if it had been typed. The field is in the server's render, hidden where scripts are off (app.html's noscript
 * rule) and where Web Crypto is missing (plain http), so nothing moves when this arrives. Its messages are the
 * page's: the status element carries them (`data-hashing`, `data-failed`).
 */
import { sha256Hex } from '../sha256';

export function enhanceVerifyFile(document: Document): void {
  const file = document.querySelector<HTMLInputElement>('#verify-file');
  const status = document.querySelector<HTMLElement>('#verify-file-status');
  const field = document.querySelector<HTMLInputElement>('#sha256');
  const form = field?.form;
  if (!file || !status || !field || !form) return;
  const container = file.closest<HTMLElement>('.needs-script');
  if (!globalThis.crypto?.subtle) {
    if (container) container.hidden = true;
    return;
  }
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    status.classList.remove('field-error');
    status.textContent = status.dataset.hashing ?? '';
    try {
      field.value = await sha256Hex(await chosen.arrayBuffer());
      status.textContent = '';
      form.requestSubmit();
    } catch {
      status.classList.add('field-error');
      status.textContent = status.dataset.failed ?? '';
    }
  });
}

if (typeof document !== 'undefined') enhanceVerifyFile(document);
