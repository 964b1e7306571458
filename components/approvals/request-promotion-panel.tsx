import { ActionForm, SubmitButton, type FormAction } from '@/components/ui/action-form';
import { inputClass, labelClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ModelId } from '@/components/ui/model-id';

// "Request a promotion": the staging versions that may be requested, or why there are none
// (the reason comes from lib/queries/promotion-decisions.ts). On the version page it is offered
// for that one version (`fixedVersion`).

export function RequestPromotionPanel({
  action,
  versions,
  why,
  fixedVersion,
}: {
  action: FormAction;
  versions: { id: string; modelId: string }[];
  why: string | null;
  fixedVersion?: { id: string; modelId: string };
}) {
  return (
    <Card title="Request a promotion">
      {why || versions.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="request-promotion-why">{why ?? 'Nothing can be requested.'}</p>
      ) : (
        <ActionForm action={action} className="space-y-3" testId="request-promotion-form">
          {fixedVersion ? (
            <>
              <input type="hidden" name="versionId" value={fixedVersion.id} />
              <p className="text-sm text-slate-700">Ask for <span className="font-mono break-words"><ModelId id={fixedVersion.modelId} /></span> to go to production.</p>
            </>
          ) : (
            <div>
              <label htmlFor="versionId" className={labelClass}>Staging version</label>
              <select id="versionId" name="versionId" className={`mt-1 ${inputClass}`}>
                {versions.map((v) => <option key={v.id} value={v.id}>{v.modelId}</option>)}
              </select>
            </div>
          )}
          <fieldset>
            <legend className={labelClass}>Path</legend>
            <label className="mt-1 flex items-center gap-2 text-sm"><input type="radio" name="path" value="committee" defaultChecked /> Committee approval</label>
            <label className="flex items-center gap-2 text-sm"><input type="radio" name="path" value="emergency" /> Emergency (hotfix/* branch, tagged emergency)</label>
          </fieldset>
          <div>
            <label htmlFor="reason" className={labelClass}>Reason</label>
            <textarea id="reason" name="reason" rows={3} required className={`mt-1 ${inputClass}`} />
          </div>
          <SubmitButton pendingLabel="Requesting…">Request promotion</SubmitButton>
        </ActionForm>
      )}
    </Card>
  );
}
