'use client';

import { ActionForm, SubmitButton, type FormAction } from '@/components/ui/action-form';
import { ConfirmSubmit } from '@/components/ui/confirm-dialog';
import { inputClass, labelClass } from '@/components/ui/button';

/**
 * The vote on a promotion request or a parameter set: a comment, Approve, and Reject behind a
 * confirmation dialog. It stays mounted once the vote is cast (the server then says canVote =
 * false and passes `myVote`), so the result appears in place where the buttons were, and as a toast.
 */
export function VotePanel({
  action,
  hidden,
  subject,
  canVote,
  myVote,
  testId = 'vote-form',
  confirmLabel = 'Reject',
}: {
  action: FormAction;
  /** Hidden fields the action reads (requestId and kind, or parameterSetId). */
  hidden: Record<string, string>;
  /** What is decided, in words ("the promotion of pib-vg-…"), for the dialog. */
  subject: string;
  canVote: boolean;
  myVote: { decision: string; comment: string | null } | null;
  testId?: string;
  /** The dialog's confirm button: says what happens ("Reject promotion"). */
  confirmLabel?: string;
}) {
  const id = `vote-${Object.values(hidden).join('-')}`;
  return (
    <ActionForm action={action} className="mt-3 grid gap-2 sm:grid-cols-[1fr_auto_auto] sm:items-end" testId={testId}>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {canVote ? (
        <>
          <div>
            <label htmlFor={`${id}-comment`} className={labelClass}>Comment (required to reject)</label>
            <textarea id={`${id}-comment`} name="comment" rows={2} className={`mt-1 ${inputClass}`} />
          </div>
          <SubmitButton name="decision" value="approve" pendingLabel="Recording vote…">Approve</SubmitButton>
          <ConfirmSubmit
            name="decision"
            value="reject"
            title={`Reject ${subject}?`}
            description={<><p>Your rejection and its comment are recorded in the audit log and cannot be changed.</p><p>A comment saying why is required.</p></>}
            confirmLabel={confirmLabel}
          >
            Reject
          </ConfirmSubmit>
        </>
      ) : myVote ? (
        <p className="text-sm text-slate-700 sm:col-span-full" data-testid="my-vote">
          You voted <b className={myVote.decision === 'approve' ? 'text-emerald-800' : 'text-red-800'}>{myVote.decision}</b>
          {myVote.comment ? <> — “{myVote.comment}”</> : null}
        </p>
      ) : null}
    </ActionForm>
  );
}
