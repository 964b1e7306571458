import type { Metadata } from 'next';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listParameterSets } from '@/lib/queries/governance';
import { diffParameterSets, rowToRecord } from '@/lib/domain/parameter-set';
import { proposeParameterSetAction, voteParameterSetAction } from './actions';
import { canProposeParameterSet } from '@/lib/permissions/parameter-set';

export const metadata: Metadata = { title: 'Parameters' };
export const dynamic = 'force-dynamic';

const KINDS = ['lambda', 'training', 'inference'] as const;

export default async function ParametersPage() {
  const actor = await requirePageActor('read:registry');
  const sets = await listParameterSets(contextFor(actor));
  const today = new Date();
  const stamp = today.toISOString().slice(0, 10).replace(/-/g, '');
  const nextId = `lambda-${stamp}-${sets.filter((s) => s.parameterId.startsWith(`lambda-${stamp}-`)).length + 1}`;
  return (
    <>
      <PageHeader title="Parameters" subtitle="λ, training and inference parameter sets: proposed, approved by the committee, active from their effective date. Each change is shown against the set before it." />
      <div className="space-y-6">
        {canProposeParameterSet(actor).ok && (
          <Card title="Propose a parameter set">
            <ActionForm action={proposeParameterSetAction} className="grid gap-3 text-sm sm:grid-cols-3" testId="propose-parameter-set">
              <div>
                <label htmlFor="ps-kind" className={labelClass}>Kind</label>
                <select id="ps-kind" name="kind" defaultValue="lambda" className={`mt-1 ${inputClass}`}>
                  {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="ps-id" className={labelClass}>Parameter id</label>
                <input id="ps-id" name="parameter_id" defaultValue={nextId} required className={`mt-1 font-mono ${inputClass}`} aria-describedby="ps-id-hint" />
                <p id="ps-id-hint" className="mt-1 text-xs text-slate-600">{'{kind}-{YYYYMMDD}-{n}'}, e.g. lambda-20230615-1</p>
              </div>
              <div>
                <label htmlFor="ps-date" className={labelClass}>Effective date</label>
                <input id="ps-date" name="effective_date" type="date" required className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="ps-base" className={labelClass}>base_noise_lambda (λ sets)</label>
                <input id="ps-base" name="base_noise_lambda" type="number" step="any" min={0} max={1} className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="ps-res" className={labelClass}>residual_noise_lambda (λ sets)</label>
                <input id="ps-res" name="residual_noise_lambda" type="number" step="any" min={0} max={1} className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="ps-scen" className={labelClass}>Tested scenarios</label>
                <input id="ps-scen" name="tested_scenarios" placeholder="policy_briefing, emergency_alert" className={`mt-1 ${inputClass}`} />
              </div>
              <div className="sm:col-span-2">
                <label htmlFor="ps-params" className={labelClass}>Other parameters (one <code>name = value</code> per line)</label>
                <textarea id="ps-params" name="parameters" rows={3} className={`mt-1 font-mono ${inputClass}`} placeholder={'learning_rate = 1e-5\nbatch_size = 32'} />
              </div>
              <div>
                <label htmlFor="ps-notes" className={labelClass}>Notes</label>
                <textarea id="ps-notes" name="notes" rows={3} className={`mt-1 ${inputClass}`} />
              </div>
              <div className="sm:col-span-3">
                <button type="submit" className={buttonClass.primary}>Propose for committee approval</button>
              </div>
            </ActionForm>
          </Card>
        )}
        {KINDS.map((kind) => {
          const history = sets.filter((s) => s.kind === kind);
          const active = history.find((s) => s.status === 'approved' && s.effectiveDate <= today);
          return (
            <Card key={kind} title={`${kind === 'lambda' ? 'λ' : kind} parameters`}>
              {history.length === 0 ? (
                <EmptyState>No {kind} parameter sets.</EmptyState>
              ) : (
                <ol className="space-y-3" data-testid={`param-history-${kind}`}>
                  {history.map((s, idx) => {
                    const older = history.slice(idx + 1).find((o) => o.status === 'approved');
                    const diff = older ? diffParameterSets(rowToRecord(older), rowToRecord(s)).filter((d) => !['effective_date', 'approved_by', 'notes'].includes(d.field)) : [];
                    const source = (s.values as { source?: string } | null)?.source;
                    return (
                      <li key={s.id} className="rounded border border-slate-200 p-3">
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <span className="font-mono text-sm font-semibold">{s.parameterId}</span>
                          <span className="flex flex-wrap gap-1">
                            {active?.id === s.id && <Tag tone="indigo">active</Tag>}
                            <Tag tone={s.status === 'approved' ? 'slate' : s.status === 'rejected' ? 'red' : 'amber'}>{s.status}</Tag>
                            {source === 'import' && <Tag tone="amber">imported · approval not recorded here</Tag>}
                          </span>
                        </div>
                        <p className="mt-1 text-sm text-slate-700">
                          effective {s.effectiveDate.toISOString().slice(0, 10)}
                          {s.baseNoiseLambda !== null && <> · base_noise_lambda <b>{s.baseNoiseLambda}</b></>}
                          {s.residualNoiseLambda !== null && <> · residual_noise_lambda <b>{s.residualNoiseLambda}</b></>}
                          {s.approvedBy && <> · approved by {s.approvedBy}</>}
                        </p>
                        {s.notes && <p className="mt-1 text-sm text-slate-600">{s.notes}</p>}
                        {diff.length > 0 && (
                          <Table size="xs" bleed={false} frameClassName="mt-2" caption={`Changes since ${older?.parameterId ?? ''}`} captionVisible>
                            <THead>
                              <Th>field</Th>
                              <Th>before</Th>
                              <Th>after</Th>
                            </THead>
                            <TBody>
                              {diff.map((d) => (
                                <tr key={d.field}>
                                  <Td dense className="font-mono">{d.field}</Td>
                                  <Td dense className="text-red-800">{JSON.stringify(d.before)}</Td>
                                  <Td dense className="text-emerald-800">{JSON.stringify(d.after)}</Td>
                                </tr>
                              ))}
                            </TBody>
                          </Table>
                        )}
                        {s.status === 'proposed' && (
                          <p className="mt-2 text-xs text-slate-700">{s.approvals} of {s.quorum} approvals{s.votes.length ? ` · voted: ${s.votes.map((v) => `${v.voter.name} (${v.decision})`).join(', ')}` : ''}</p>
                        )}
                        {s.canVote && (
                          <ActionForm action={voteParameterSetAction} className="mt-2 flex flex-wrap items-end gap-2">
                            <input type="hidden" name="parameterSetId" value={s.id} />
                            <label className="sr-only" htmlFor={`pc-${s.id}`}>Comment</label>
                            <input id={`pc-${s.id}`} name="comment" placeholder="comment (required to reject)" className={`max-w-xs ${inputClass}`} />
                            <button type="submit" name="decision" value="approve" className={buttonClass.primary}>Approve</button>
                            <button type="submit" name="decision" value="reject" className={buttonClass.danger}>Reject</button>
                          </ActionForm>
                        )}
                      </li>
                    );
                  })}
                </ol>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
