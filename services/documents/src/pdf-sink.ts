import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * Moves what PDFKit has produced so far into `output`, hashing and counting the bytes on the way. PDFKit's
 * document is a Readable that ignores backpressure (it pushes whatever is drawn), so the renderer pulls from it
 * at page boundaries and waits for `output` to drain: memory holds about one page, whatever the length.
 */
export class PdfSink {
  readonly #doc: PDFKit.PDFDocument;
  readonly #output: NodeJS.WritableStream;
  readonly #hash = createHash('sha256');
  #byteSize = 0;
  #needsDrain = false;
  #error: unknown = null;
  // Kept and rethrown by the renderer, rather than crashing the process as an unhandled 'error' event.
  readonly #onError = (error: unknown) => {
    this.#error ??= error;
  };

  constructor(doc: PDFKit.PDFDocument, output: NodeJS.WritableStream) {
    this.#doc = doc;
    this.#output = output;
    output.on('error', this.#onError);
  }

  /** Stops watching `output`; its errors are the caller's again. */
  dispose(): void {
    this.#output.off('error', this.#onError);
  }

  /** Writes out what the document has produced; resolves when `output` can take more. */
  async flush(): Promise<void> {
    this.#throwIfFailed();
    this.#pull();
    if (this.#needsDrain) {
      this.#needsDrain = false;
      await this.#drained();
    }
  }

  /** Ends the document and `output`; resolves once `output` has taken every byte. */
  async end(): Promise<{ sha256: string; byteSize: number }> {
    // PDFKit writes the rest (fonts, structure tree, cross-reference table) synchronously in end().
    this.#doc.end();
    this.#throwIfFailed();
    this.#pull();
    this.#output.end();
    await finished(this.#output, { readable: false });
    return { sha256: this.#hash.digest('hex'), byteSize: this.#byteSize };
  }

  /** Resolves on 'drain'; rejects if `output` fails (`once` rejects on 'error') or closes first. */
  async #drained(): Promise<void> {
    const stop = new AbortController();
    try {
      await Promise.race([
        once(this.#output, 'drain', { signal: stop.signal }),
        once(this.#output, 'close', { signal: stop.signal }).then(() => {
          throw new Error('the output closed before the document was complete');
        }),
      ]);
    } finally {
      // Removes the listener that lost the race.
      stop.abort();
    }
  }

  #throwIfFailed(): void {
    if (this.#error !== null) throw this.#error;
  }

  #pull(): void {
    for (;;) {
      const chunk: unknown = this.#doc.read();
      if (chunk === null) return;
      if (!(chunk instanceof Uint8Array)) throw new TypeError('PDFKit produced a chunk that is not bytes');
      this.#hash.update(chunk);
      this.#byteSize += chunk.byteLength;
      if (!this.#output.write(chunk)) this.#needsDrain = true;
    }
  }
}
