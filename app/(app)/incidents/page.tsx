import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { ActionForm } from '@/components/ui/action-form';
import { ConfirmSubmit } from '@/components/ui/confirm-dialog';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listIncidents } from '@/lib/queries/governance';
import { TRAFFIC_STEPS } from '@/lib/domain/incident';
import { addLogAction, advanceTrafficAction, openIncidentAction, submitRcaAction } from './actions';
import { canAdvanceRollback, canSubmitRootCause, canWriteIncidentLog } from '@/lib/permissions/incident';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Incidents' };
export const dynamic = 'force-dynamic';

const ts = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'; // in titles (plain text)

export default async function IncidentsPage() {
  const actor = await requirePageActor('read:registry');
  const { incidents, production } = await listIncidents(contextFor(actor));
  return (
    <>
      <PageHeader title="Incidents" subtitle="Rollback procedure: tag critical-issue, reactivate the previous stable version, move traffic in 20% steps, root cause analysis within 24 hours." />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {incidents.length === 0 && <EmptyState>No incidents.</EmptyState>}
          {incidents.map((i) => {
            const done = i.trafficSteps.map((s) => s.percent);
            const current = done.length ? Math.max(...done) : 0;
            return (
              <Card key={i.id}>
                <article id={i.id} className="scroll-mt-20" data-testid="incident">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <h2 className="font-semibold">{i.title}</h2>
                    <span className="flex gap-1">
                      <Tag tone="red">{i.severity}</Tag>
                      <Tag tone={i.status === 'resolved' ? 'slate' : 'amber'}>{i.status.replace('_', ' ')}</Tag>
                    </span>
                  </div>
                  <p className="mt-1 text-sm text-slate-700">{i.description}</p>
                  <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
                    <div><dt className="inline text-slate-600">Problem version: </dt><dd className="inline"><Link href={`/versions/${i.version.modelId}`} className="font-mono text-xs">{i.version.modelId}</Link> <StatusBadge status={i.version.status} /></dd></div>
                    <div><dt className="inline text-slate-600">Rolled back to: </dt><dd className="inline">{i.rollbackToVersion ? <Link href={`/versions/${i.rollbackToVersion.modelId}`} className="font-mono text-xs">{i.rollbackToVersion.modelId}</Link> : '—'}</dd></div>
                    <div><dt className="inline text-slate-600">Opened: </dt><dd className="inline"><Time value={i.openedAt} /> by {i.openedBy.name}</dd></div>
                    <div>
                      <dt className="inline text-slate-600">Root cause analysis: </dt>
                      <dd className="inline">
                        {i.rcaSubmittedAt ? <>submitted <Time value={i.rcaSubmittedAt} /></> : <span className={i.overdue ? 'font-semibold text-red-800' : ''}>due <Time value={i.rcaDueAt} />{i.overdue ? ' — OVERDUE' : ''}</span>}
                      </dd>
                    </div>
                  </dl>
                  <div className="mt-3">
                    <p className="text-xs text-slate-700">Traffic on the rollback target: {current}%</p>
                    <ol className="mt-1 grid grid-cols-5 gap-1" aria-label="Traffic steps">
                      {TRAFFIC_STEPS.map((p) => {
                        const step = i.trafficSteps.find((s) => s.percent === p);
                        return (
                          <li key={p} className={`rounded px-1 py-1 text-center text-xs ${step ? 'bg-emerald-700 text-white' : 'bg-slate-100 text-slate-700'}`} title={step ? `${step.advancedBy.name}, ${ts(step.at)}: ${JSON.stringify(step.metricsSnapshot)}` : 'not yet'}>
                            {p}%{step ? ` · ${step.advancedBy.name.split(' ')[0]}` : ''}
                          </li>
                        );
                      })}
                    </ol>
                  </div>
                  {current < 100 && canAdvanceRollback(actor).ok && (
                    <ActionForm action={advanceTrafficAction} className="mt-3 grid gap-2 sm:grid-cols-4 sm:items-end">
                      <input type="hidden" name="incidentId" value={i.id} />
                      <div><label className={labelClass} htmlFor={`fvd-${i.id}`}><abbr title="Fréchet Video Distance" className="no-underline">FVD</abbr> now</label><input id={`fvd-${i.id}`} name="fvd" type="number" step="any" className={`mt-1 ${inputClass}`} /></div>
                      <div><label className={labelClass} htmlFor={`err-${i.id}`}>Error rate</label><input id={`err-${i.id}`} name="error_rate" type="number" step="any" className={`mt-1 ${inputClass}`} /></div>
                      <div><label className={labelClass} htmlFor={`lat-${i.id}`}>p95 latency (ms)</label><input id={`lat-${i.id}`} name="latency_p95_ms" type="number" step="any" className={`mt-1 ${inputClass}`} /></div>
                      <button type="submit" className={buttonClass.primary}>Move to {current + 20}%</button>
                    </ActionForm>
                  )}
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm font-medium">Incident log ({i.log.length})</summary>
                    <ol className="mt-2 space-y-1 text-sm">
                      {i.log.map((l) => (
                        <li key={l.id}><span className="text-xs text-slate-600"><Time value={l.at} /> · {l.author?.name ?? 'system'}:</span> {l.text}</li>
                      ))}
                    </ol>
                    {canWriteIncidentLog(actor).ok && (
                      <ActionForm action={addLogAction} className="mt-2 flex gap-2">
                        <input type="hidden" name="incidentId" value={i.id} />
                        <label className="sr-only" htmlFor={`log-${i.id}`}>Log entry</label>
                        <input id={`log-${i.id}`} name="text" className={inputClass} placeholder="What happened, what was observed" />
                        <button type="submit" className={buttonClass.secondary}>Add</button>
                      </ActionForm>
                    )}
                  </details>
                  {i.rootCause && <p className="mt-3 rounded bg-slate-50 p-2 text-sm"><span className="font-medium">Root cause:</span> {i.rootCause}</p>}
                  {!i.rcaSubmittedAt && canSubmitRootCause(actor).ok && (
                    <ActionForm action={submitRcaAction} className="mt-3 space-y-2">
                      <input type="hidden" name="incidentId" value={i.id} />
                      <label className={labelClass} htmlFor={`rca-${i.id}`}>Root cause analysis</label>
                      <textarea id={`rca-${i.id}`} name="rootCause" rows={3} className={inputClass} />
                      <button type="submit" className={buttonClass.secondary}>Submit root cause analysis</button>
                    </ActionForm>
                  )}
                </article>
              </Card>
            );
          })}
        </div>
        {production.length > 0 && (
          <Card title="Open an incident (rollback)">
            <ActionForm action={openIncidentAction} className="space-y-3" testId="open-incident-form">
              <div>
                <label htmlFor="inc-version" className={labelClass}>Production version with a critical issue</label>
                <select id="inc-version" name="versionId" className={`mt-1 ${inputClass}`}>
                  {production.map((v) => <option key={v.id} value={v.id}>{v.modelId}</option>)}
                </select>
              </div>
              <div>
                <label htmlFor="inc-title" className={labelClass}>Title</label>
                <input id="inc-title" name="title" required className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="inc-sev" className={labelClass}>Severity</label>
                <select id="inc-sev" name="severity" className={`mt-1 ${inputClass}`}><option>critical</option><option>major</option><option>minor</option></select>
              </div>
              <div>
                <label htmlFor="inc-desc" className={labelClass}>Description</label>
                <textarea id="inc-desc" name="description" rows={3} className={`mt-1 ${inputClass}`} />
              </div>
              <p className="text-xs text-slate-600">This tags the version critical-issue and reactivates the previous stable version of its component.</p>
              <ConfirmSubmit
                title="Open an incident and roll back?"
                description={<p>The chosen version is tagged critical-issue and leaves production now; the previous stable version of its component takes its place. The incident and its root cause analysis deadline are recorded in the audit chain.</p>}
                confirmLabel="Open incident and roll back"
              >
                Open incident and roll back
              </ConfirmSubmit>
            </ActionForm>
          </Card>
        )}
      </div>
    </>
  );
}
