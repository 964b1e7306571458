import type { Metadata } from 'next';
import { ParameterSetCard } from '@/components/parameters/parameter-set-card';
import { ActionForm, Field, SubmitButton } from '@/components/ui/action-form';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { canProposeParameterSet } from '@/lib/permissions/parameter-set';
import { listParameterSetReviews } from '@/lib/queries/parameter-set-review';
import { proposeParameterSetAction, voteParameterSetAction } from './actions';

export const metadata: Metadata = { title: 'Parameters' };
export const dynamic = 'force-dynamic';

const KINDS = ['lambda', 'training', 'inference'] as const;
const KIND_TITLE: Record<(typeof KINDS)[number], string> = { lambda: 'λ parameters', training: 'Training parameters', inference: 'Inference parameters' };

export default async function ParametersPage() {
  const actor = await requirePageActor('read:registry');
  const ctx = contextFor(actor);
  const sets = await listParameterSetReviews(ctx);
  const stamp = ctx.now().toISOString().slice(0, 10).replace(/-/g, '');
  const nextId = `lambda-${stamp}-${sets.filter((s) => s.parameterId.startsWith(`lambda-${stamp}-`)).length + 1}`;
  const waiting = sets.filter((s) => s.canVote);
  return (
    <>
      <PageHeader title="Parameters" subtitle="λ, training and inference parameter sets: proposed, approved by the committee, active from their effective date. Each change is shown against the approved set before it." />
      <div className="min-w-0 space-y-6">
        {waiting.length > 0 && (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="parameter-waiting">
            {waiting.length === 1 ? '1 parameter set waits' : `${waiting.length} parameter sets wait`} for your vote:{' '}
            {waiting.map((s, i) => <span key={s.id}>{i > 0 ? ', ' : ''}<a href={`#${s.parameterId}`} className="font-mono">{s.parameterId}</a></span>)}
          </p>
        )}
        {canProposeParameterSet(actor).ok && (
          <Card title="Propose a parameter set">
            <ActionForm action={proposeParameterSetAction} className="grid gap-3 text-sm sm:grid-cols-3" testId="propose-parameter-set">
              <Field name="kind" label="Kind">
                <select defaultValue="lambda">
                  {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </Field>
              <Field name="parameter_id" label="Parameter id" hint={<>{'{kind}-{YYYYMMDD}-{n}'}, e.g. lambda-20230615-1</>}>
                <input defaultValue={nextId} required className="font-mono" />
              </Field>
              <Field name="effective_date" label="Effective date">
                <input type="date" required />
              </Field>
              <Field name="base_noise_lambda" label="Base noise λ (λ sets)">
                <input type="number" step="any" min={0} max={1} />
              </Field>
              <Field name="residual_noise_lambda" label="Residual noise λ (λ sets)">
                <input type="number" step="any" min={0} max={1} />
              </Field>
              <Field name="tested_scenarios" label="Tested scenarios">
                <input placeholder="policy_briefing, emergency_alert" />
              </Field>
              <Field name="parameters" label={<>Other parameters (one <code>name = value</code> per line)</>} className="sm:col-span-2">
                <textarea rows={3} className="font-mono" placeholder={'learning_rate = 1e-5\nbatch_size = 32'} />
              </Field>
              <Field name="notes" label="Notes">
                <textarea rows={3} />
              </Field>
              <div className="sm:col-span-3">
                <SubmitButton pendingLabel="Proposing…">Propose for committee approval</SubmitButton>
              </div>
            </ActionForm>
          </Card>
        )}
        {KINDS.map((kind) => {
          const history = sets.filter((s) => s.kind === kind);
          return (
            <Card key={kind} title={KIND_TITLE[kind]}>
              {history.length === 0 ? (
                <EmptyState>No {kind} parameter sets.</EmptyState>
              ) : (
                <ol className="space-y-3" data-testid={`param-history-${kind}`}>
                  {history.map((s) => <ParameterSetCard key={s.id} s={s} voteAction={voteParameterSetAction} />)}
                </ol>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
