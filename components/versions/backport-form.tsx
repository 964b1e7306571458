import { ActionForm, type FormAction } from '@/components/ui/action-form';

/** Record the commit that backported a hotfix to develop (emergency procedure, step 5). */
export function BackportForm({ versionId, action }: { versionId: string; action: FormAction }) {
  return (
    <ActionForm action={action} className="mt-2 flex flex-wrap items-center gap-2" testId="backport-form">
      <input type="hidden" name="versionId" value={versionId} />
      <label htmlFor="backport-commit" className="sr-only">Backport commit on develop</label>
      <input id="backport-commit" name="commit" placeholder="commit on develop" pattern="[0-9a-fA-F]{7,40}" className="w-48 rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      <button type="submit" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">Record backport</button>
    </ActionForm>
  );
}
