import { error, fail, redirect } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/forms';
import { SubmitPledgeDocument, WithdrawPledgeDocument } from '$lib/graphql/operations.generated';
import { m } from '$lib/paraglide/messages.js';
import { readStatement } from '$lib/pledge-form';
import { pledgeFieldErrors } from '$lib/pledge-form-messages';
import { formText, problemsFrom } from '$lib/server/forms';
import { request } from '$lib/server/graphql';
import { findAccountPledge } from '$lib/server/pledge-account';
import { uploadStatement } from '$lib/server/upload';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['drafted', 'updated', 'submitted', 'amended', 'withdrawn', 'statement'] as const;
type Notice = (typeof NOTICES)[number];

/** One of the person's pledges: its state, what they can do next, and its whole history. */
export const load: PageServerLoad = async ({ parent, params, url }) => {
  const { account } = await parent();
  const found = findAccountPledge(account, params.id);
  if (!found) error(404, { message: m.pledge_account_not_found() });
  const done = url.searchParams.get('done');
  return {
    pledge: found.pledge,
    organisation: found.represented.organisation,
    alliance: found.pledge.alliance,
    isConfirmingWithdrawal: url.searchParams.has('withdraw'),
    done: (NOTICES as readonly string[]).includes(done ?? '') ? (done as Notice) : null,
    statementFailed: url.searchParams.get('statement') === 'failed',
  };
};

export const actions: Actions = {
  submit: async ({ params, fetch, url }) => {
    const result = await request(fetch, SubmitPledgeDocument, { pledgeId: params.id });
    if (result.errors) {
      return fail(409, {
        action: 'submit' as const,
        ...problemsFrom(result.errors, { fields: [], returnTo: url.pathname }),
      });
    }
    redirect(303, `/account/pledges/${params.id}?done=submitted`);
  },
  withdraw: async ({ request: post, params, fetch, url }) => {
    const reason = formText(await post.formData(), 'reason');
    if (!reason) {
      return fail(400, {
        action: 'withdraw' as const,
        reason,
        fieldErrors: { reason: m.pledge_withdraw_reason_required() },
        formError: null,
      });
    }
    const result = await request(fetch, WithdrawPledgeDocument, { pledgeId: params.id, reason });
    if (result.errors) {
      const problems = problemsFrom(result.errors, { fields: ['reason'], returnTo: `${url.pathname}?withdraw` });
      return fail(400, { action: 'withdraw' as const, reason, ...problems });
    }
    redirect(303, `/account/pledges/${params.id}?done=withdrawn`);
  },
  statement: async (event) => {
    let data: FormData;
    try {
      data = await event.request.formData();
    } catch {
      const fieldErrors: FieldErrors = { statement: m.pledge_form_body_too_large() };
      return fail(413, { action: 'statement' as const, fieldErrors, formError: null });
    }
    const { file, problem } = await readStatement(data);
    if (problem || !file) {
      const fieldErrors: FieldErrors = problem
        ? pledgeFieldErrors({ statement: problem })
        : { statement: m.pledge_statement_required() };
      return fail(400, { action: 'statement' as const, fieldErrors, formError: null });
    }
    const upload = await uploadStatement(event, event.params.id, file);
    if (!upload.ok) {
      return fail(409, {
        action: 'statement' as const,
        fieldErrors: {} as FieldErrors,
        formError: upload.message || m.pledge_statement_failed(),
      });
    }
    redirect(303, `/account/pledges/${event.params.id}?done=statement`);
  },
};
