import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

/**
 * A form's progressive enhancement (`use:enhance={submission.submit}`): while the answer is on its way,
 * `isSending` is true and the submit button (`disabled={submission.isSending}`) is off, so that a second press
 * sends nothing twice. The answer is then applied as it would be without JavaScript. One submission may serve
 * several forms of a component: while one sends, none of them can.
 */
export class Submission {
  isSending = $state(false);
  readonly #reset: boolean;
  readonly #afterUpdate: ((result: ActionResult) => unknown) | undefined;

  /**
   * @param reset false keeps what was typed after a success too (a form shown again with its values).
   * @param afterUpdate runs once the answer is applied, before the button is on again (e.g. reloading the page's
   * data after a conflict).
   */
  constructor({
    reset = true,
    afterUpdate,
  }: { reset?: boolean; afterUpdate?: (result: ActionResult) => unknown } = {}) {
    this.#reset = reset;
    this.#afterUpdate = afterUpdate;
  }

  submit: SubmitFunction = () => {
    this.isSending = true;
    return async ({ result, update }) => {
      await update({ reset: this.#reset });
      await this.#afterUpdate?.(result);
      this.isSending = false;
    };
  };
}
