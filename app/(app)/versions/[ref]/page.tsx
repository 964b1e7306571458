import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { StatusBadge, Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { CopyButton } from '@/components/versions/copy-button';
import { fmtBytes, fmtDate, fmtDateTime, fmtValue, METRIC_SHORT } from '@/components/versions/format';
import { ImpactTable } from '@/components/versions/impact-table';
import { KeyValues, MetadataView } from '@/components/versions/metadata-view';
import { MetricHistoryChart } from '@/components/versions/metric-history-chart';
import { MetricsMatrix } from '@/components/versions/metrics-matrix';
import { BranchKindBadge, VersionTags } from '@/components/versions/tags';
import { YamlBlock } from '@/components/versions/yaml-block';
import { requirePageActor } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors';
import { BackportForm } from '@/components/versions/backport-form';
import { LifecyclePanel } from '@/components/versions/lifecycle-panel';
import { getModelCard } from '@/lib/queries/model-card';
import { getGateChecklist } from '@/lib/data/gate-facts';
import { contextFor } from '@/lib/context';
import { isHotfix } from '@/lib/domain/branch';
import { underHeightenedMonitoring } from '@/lib/domain/promotion';
import { canRecordBackport } from '@/lib/permissions/model-version';
import { KEY_METRICS } from '@/lib/domain/metrics';
import { getModelVersionDetail, metricHistory } from '@/lib/queries/model-versions';
import { pageParams, pageSearchParams } from '@/lib/http/page-params';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ ref: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ref } = await pageParams(params);
  return { title: ref };
}

const SECTIONS = [
  ['lifecycle', 'Lifecycle'],
  ['overview', 'Overview'],
  ['lineage', 'Lineage'],
  ['metrics', 'Metrics'],
  ['impact', 'Impact'],
  ['timeline', 'Timeline'],
  ['approvals', 'Approvals'],
  ['rai', 'Responsible AI'],
  ['config', 'Config'],
  ['artifacts', 'Artifacts'],
  ['model-card', 'Model card'],
] as const;

const RESULT_TONE = { pass: 'bg-emerald-50 text-emerald-900 ring-emerald-400', fail: 'bg-red-50 text-red-800 ring-red-300', pending: 'bg-slate-50 text-slate-700 ring-slate-300' } as const;

export default async function VersionPage({ params, searchParams }: Props) {
  const actor = await requirePageActor('read:registry');
  const { ref } = await pageParams(params);
  const sp = await pageSearchParams(searchParams);
  const v = await getModelVersionDetail(actor, ref);
  if (!v) notFound();

  const historyMetricRaw = typeof sp.history === 'string' ? sp.history : 'fvd';
  const historyMetric = (KEY_METRICS as readonly string[]).includes(historyMetricRaw) ? historyMetricRaw : 'fvd';
  const [history, card, checklist] = await Promise.all([
    metricHistory(actor, v.component.key, historyMetric, '', 200),
    getModelCard(actor, v.id).catch((e: unknown) => {
      if (isAppError(e)) return null;
      throw e;
    }),
    getGateChecklist(contextFor(actor), v.id),
  ]);
  const criticalTag = v.tags.includes('critical-issue');
  const emergencyTag = v.tags.includes('emergency');
  const monitoring = underHeightenedMonitoring(v, contextFor(actor).now());

  return (
    <article aria-labelledby="version-title">
      <header className="mb-6">
        <p className="text-sm text-slate-600">
          <Link href="/versions">Versions</Link> <span aria-hidden="true">/</span> {v.component.name}
        </p>
        <h1 id="version-title" className="mt-1 font-mono text-lg font-semibold break-all text-slate-900 sm:text-2xl">{v.modelId}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <StatusBadge status={v.status} />
          <span className="text-sm text-slate-600">since {fmtDate(v.statusChangedAt)}</span>
          <VersionTags tags={v.tags} />
          {monitoring && <Tag tone="indigo">heightened monitoring until {fmtDate(v.monitoringUntil)}</Tag>}
        </div>
        {(criticalTag || emergencyTag) && (
          <p role="note" className={`mt-3 rounded-md border p-3 text-sm ${criticalTag ? 'border-red-300 bg-red-50 text-red-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}>
            {criticalTag
              ? 'Critical issue: this version was rolled back after an incident. See the incidents below.'
              : 'Emergency release: promoted through the expedited hotfix path; committee ratification and the backport to develop are tracked.'}
          </p>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          {v.previous && (
            <Link href={`/compare?ids=${v.previous.id},${v.id}`} className={`${buttonClass.primary} text-white no-underline hover:no-underline`}>
              Compare with previous ({v.previous.version})
            </Link>
          )}
          <Link href={`/compare?ids=${v.id}`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Compare with…</Link>
          <a href={`/api/v1/versions/${v.id}/model-card`} className={`${buttonClass.secondary} no-underline hover:no-underline`}>Model card (Markdown)</a>
        </div>
        <nav aria-label="Sections of this page" className="relative mt-4 -mx-4 overflow-x-auto px-4">
          <ul className="flex gap-3 text-sm whitespace-nowrap">
            {SECTIONS.map(([id, label]) => (
              <li key={id}><a href={`#${id}`}>{label}</a></li>
            ))}
          </ul>
        </nav>
      </header>

      <div className="grid grid-cols-1 gap-4">
        <LifecyclePanel actor={actor} versionId={v.id} transitions={checklist.transitions} showRai={v.status === 'staging' || v.status === 'testing'} />
        <section id="overview" aria-labelledby="h-overview" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="h-overview" className="mb-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Overview</h2>
          {v.description && <p className="mb-4 text-slate-800">{v.description}</p>}
          <dl className="mb-6 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
            {[
              ['Component', `${v.component.name} (${v.component.key})`],
              ['Architecture', v.architecture],
              ['Version', v.version],
              ['Release date', fmtDate(v.releaseDate)],
              ['Registered', `${fmtDate(v.createdAt)}${v.registeredBy ? ` by ${v.registeredBy.name}` : ''}`],
              ['Unit tests', v.latestTest ? `${v.latestTest.passed} passed, ${v.latestTest.failed} failed (${v.latestTest.suite})` : 'none recorded'],
            ].map(([k, val]) => (
              <div key={k} className="min-w-0">
                <dt className="text-xs text-slate-600 uppercase">{k}</dt>
                <dd className="font-medium break-words">{val}</dd>
              </div>
            ))}
          </dl>
          <MetadataView metadata={v.metadata} />
        </section>

        <Card title="Lineage">
          <div id="lineage" className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <dl className="grid grid-cols-[6rem_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-600">Commit</dt>
              <dd className="flex min-w-0 flex-wrap items-center gap-2">
                {v.gitCommit ? (
                  <>
                    <code className="font-mono text-xs break-all" data-testid="git-commit">{v.gitCommit}</code>
                    <CopyButton value={v.gitCommit} label="commit hash" />
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </dd>
              <dt className="text-slate-600">Branch</dt>
              <dd className="flex min-w-0 flex-wrap items-center gap-2">
                {v.gitBranch ? <code className="font-mono text-xs break-all">{v.gitBranch}</code> : <span className="text-slate-500">—</span>}
                <BranchKindBadge kind={v.branchKind} />
              </dd>
              {isHotfix(v) && (
                <>
                  <dt className="text-slate-600">Backport</dt>
                  <dd>
                    {v.backportCommit ? (
                      <span className="min-w-0 break-words">
                        to develop as <code className="font-mono text-xs break-all">{v.backportCommit}</code> on {fmtDate(v.backportedAt)}
                      </span>
                    ) : (
                      <>
                        <Tag tone="amber">backport to develop open</Tag>
                        {canRecordBackport(actor).ok && <BackportForm versionId={v.id} />}
                      </>
                    )}
                  </dd>
                </>
              )}
              {v.previous && (
                <>
                  <dt className="text-slate-600">Previous</dt>
                  <dd>
                    <Link href={`/versions/${v.previous.modelId}`} className="font-mono text-xs break-all">{v.previous.modelId}</Link>
                  </dd>
                </>
              )}
            </dl>
            <div className="min-w-0">
              <h3 className="mb-1 text-sm font-semibold text-slate-800">Commit message</h3>
              {v.commitMessage ? (
                <>
                  <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800" data-testid="commit-message">{v.commitMessage}</pre>
                  {v.commit && (
                    <p className="mt-2 text-sm">
                      {v.commit.component && <Tag>{v.commit.component}</Tag>} {v.commit.type && <Tag tone="indigo">{v.commit.type}</Tag>}{' '}
                      <span className="font-medium">Performance impact (claimed):</span>{' '}
                      {v.commit.impacts.length ? v.commit.impacts.map((i) => i.raw).join(', ') : 'none stated'}
                      {v.commit.reviewedBy.length > 0 && <span className="block text-slate-600">Reviewed by {v.commit.reviewedBy.join(', ')}</span>}
                      {v.commit.problems.length > 0 && (
                        <span className="block text-amber-900">Does not follow the commit convention: {v.commit.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}</span>
                      )}
                    </p>
                  )}
                </>
              ) : (
                <p className="text-sm text-slate-500">No commit message recorded.</p>
              )}
            </div>
          </div>
        </Card>

        <Card title="Metrics by scenario">
          <div id="metrics">
            {v.metrics.length ? <MetricsMatrix groups={v.metrics} /> : <EmptyState>No metrics uploaded yet.</EmptyState>}
            {history && history.points.length > 1 && (
              <div className="mt-6">
                <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-sm font-semibold text-slate-800">
                    {history.metric.name} across {v.component.name} versions{' '}
                    <span className="font-normal text-slate-600">
                      ({history.metric.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}; {history.downsampled ? `${history.points.length} of ${history.total} points` : `${history.total} versions`})
                    </span>
                  </h3>
                  <ul className="flex flex-wrap gap-2 text-sm" aria-label="History metric">
                    {KEY_METRICS.map((k) => (
                      <li key={k}>
                        <Link href={`?history=${k}#metrics`} aria-current={k === historyMetric ? 'true' : undefined} className={k === historyMetric ? 'font-semibold text-slate-900' : ''}>
                          {METRIC_SHORT[k]}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
                <MetricHistoryChart
                  points={history.points.map((p) => ({ version: p.version, modelId: p.modelId, releaseDate: p.releaseDate, y: p.y }))}
                  label={`${history.metric.name} across ${v.component.name} versions; this version highlighted`}
                  highlight={v.modelId}
                />
              </div>
            )}
          </div>
        </Card>

        <Card title={v.previous ? `Impact vs previous version ${v.previous.version}` : 'Impact'}>
          <div id="impact">
            {!v.previous && <p className="mb-2 text-sm text-slate-600">This is the first version of {v.component.name}: nothing to measure the claim against.</p>}
            <ImpactTable impact={v.impact} caption="Measured change of the overall metrics against the previous version by semantic version, beside the claim in the commit message." />
          </div>
        </Card>

        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <Card title="Status timeline">
            <div id="timeline">
              {v.transitions.length === 0 ? (
                <EmptyState>No transitions recorded.</EmptyState>
              ) : (
                <ol className="relative space-y-3 border-l border-slate-200 pl-4" data-testid="status-timeline">
                  {v.transitions.map((t) => (
                    <li key={t.id} className="text-sm">
                      <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white bg-indigo-600" aria-hidden="true" />
                      <span className="flex flex-wrap items-center gap-1">
                        {t.fromStatus ? <StatusBadge status={t.fromStatus} /> : <span className="text-slate-600">registered</span>}
                        <span aria-label="to">→</span>
                        <StatusBadge status={t.toStatus} />
                      </span>
                      <span className="block text-xs text-slate-600">
                        {fmtDateTime(t.at)} · {t.actorName ? `${t.actorName} (${t.actorLabel})` : t.actorLabel}
                      </span>
                      {t.reason && <span className="block text-slate-800">{t.reason}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </Card>

          <Card title="Approvals">
            <div id="approvals">
              {v.promotionRequests.length === 0 ? (
                <EmptyState>No promotion request for this version.</EmptyState>
              ) : (
                <ul className="space-y-4" data-testid="promotion-requests">
                  {v.promotionRequests.map((r) => (
                    <li key={r.id} className="rounded border border-slate-200 p-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Tag tone={r.kind === 'emergency' ? 'amber' : 'indigo'}>{r.kind}</Tag>
                        <span className="font-medium">{r.status}</span>
                        <span className="text-slate-600">
                          {r.approvals}/{r.quorum} approvals{r.rejections ? `, ${r.rejections} rejections` : ''}
                        </span>
                      </div>
                      <div className="mt-1 h-1.5 w-full rounded bg-slate-100" aria-hidden="true">
                        <div className="h-1.5 rounded bg-emerald-600" style={{ width: `${Math.min(100, (r.approvals / Math.max(1, r.quorum)) * 100)}%` }} />
                      </div>
                      <p className="mt-1 text-xs text-slate-600">
                        requested by {r.requestedBy.name} on {fmtDateTime(r.createdAt)}
                        {r.dueAt && ` · due ${fmtDateTime(r.dueAt)}`}
                        {r.decidedAt && ` · decided ${fmtDateTime(r.decidedAt)}`}
                      </p>
                      {r.reason && <p className="mt-1">{r.reason}</p>}
                      {r.votes.length > 0 && (
                        <ul className="mt-2 space-y-1">
                          {r.votes.map((vote) => (
                            <li key={vote.id}>
                              <span className={vote.decision === 'approve' ? 'font-medium text-emerald-800' : 'font-medium text-red-700'}>
                                {vote.decision === 'approve' ? '✓ approve' : '✗ reject'}
                              </span>{' '}
                              {vote.voter.name}
                              {vote.comment && <span className="text-slate-700">: “{vote.comment}”</span>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {v.status === 'staging' && (
                <p className="mt-3 text-sm">
                  <Link href="/approvals">Go to approvals</Link>
                </p>
              )}
            </div>
          </Card>
        </div>

        {v.incidents.length > 0 && (
          <Card title="Incidents">
            <ul className="space-y-2 text-sm" data-testid="incidents">
              {v.incidents.map((i) => (
                <li key={i.id} className="flex flex-wrap items-baseline gap-2">
                  <Link href={`/incidents#${i.id}`} className="font-medium">{i.title}</Link>
                  <Tag tone={i.status === 'open' ? 'red' : 'slate'}>{i.status.replace('_', ' ')}</Tag>
                  <span className="text-slate-600">
                    {i.role === 'problem' ? `rolled back to ${i.rollbackToVersion?.modelId ?? '—'}` : `rollback target for ${i.version.modelId}`} · opened {fmtDateTime(i.openedAt)} by {i.openedBy.name}
                    {!i.rcaSubmittedAt && ` · RCA due ${fmtDateTime(i.rcaDueAt)}`}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}

        <Card title="Responsible AI">
          <div id="rai">
            {v.raiAssessments.length === 0 ? (
              <EmptyState>No RAI assessment yet. One that passed is required before production.</EmptyState>
            ) : (
              <ul className="space-y-4">
                {v.raiAssessments.map((a, idx) => (
                  <li key={a.id} className={idx > 0 ? 'border-t border-slate-100 pt-4' : ''}>
                    <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${RESULT_TONE[a.result]}`}>{a.result}</span>
                      <span className="text-slate-600">
                        {idx === 0 ? 'latest · ' : ''}assessed {fmtDateTime(a.assessedAt)}
                        {a.reviewer ? ` by ${a.reviewer.name}` : ''}
                        {a.maxDisparity != null ? ` · max language disparity ${fmtValue(a.maxDisparity)}` : ''}
                      </span>
                    </div>
                    {idx === 0 && (
                      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
                        {[
                          ['Bias on diverse test sets', a.biasMetrics],
                          ['Per-language metrics', a.languageMetrics],
                          ['Robustness (adversarial)', a.robustness],
                          ['Ethics checklist', a.ethicsChecklist],
                        ].map(([label, obj]) => (
                          <div key={label as string}>
                            <h3 className="mb-1 text-sm font-semibold text-slate-800">{label as string}</h3>
                            {obj && typeof obj === 'object' && !Array.isArray(obj) ? (
                              <KeyValues obj={Object.fromEntries(Object.entries(obj as Record<string, unknown>).map(([k, val]) => [k, typeof val === 'boolean' ? (val ? '✓ yes' : '✗ no') : val]))} />
                            ) : (
                              <span className="text-sm text-slate-500">—</span>
                            )}
                          </div>
                        ))}
                      </div>
                    )}
                    {a.notes && <p className="mt-2 text-sm text-slate-800">{a.notes}</p>}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Card>

        <Card title="config.yaml">
          <div id="config">{v.configYaml ? <YamlBlock text={v.configYaml} /> : <EmptyState>No config.yaml recorded.</EmptyState>}</div>
        </Card>

        <Card title="Artifacts">
          <div id="artifacts">
            {v.artifacts.length === 0 ? (
              <EmptyState>No artifacts recorded.</EmptyState>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="artifacts">
                {v.artifacts.map((a) => (
                  <li key={a.id} className="py-2 text-sm">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <code className="font-mono break-all">{a.path}</code>
                      <span className="text-slate-600" title={`${a.sizeBytesText} bytes`}>{fmtBytes(a.sizeBytes)}</span>
                    </div>
                    <div className="mt-1 flex flex-wrap items-center gap-2">
                      <span className="text-xs text-slate-600">sha256</span>
                      <code className="font-mono text-xs break-all select-all text-slate-800">{a.sha256}</code>
                      <CopyButton value={a.sha256} label={`sha256 of ${a.path}`} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Card>

        {v.testResults.length > 0 && (
          <Card title="Test results">
            <div className="relative -mx-4 overflow-x-auto px-4">
              <table className="w-full min-w-[28rem] text-sm">
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs text-slate-600 uppercase">
                    <th scope="col" className="py-2 pr-3">Run</th>
                    <th scope="col" className="py-2 pr-3">Suite</th>
                    <th scope="col" className="py-2 pr-3 text-right">Passed</th>
                    <th scope="col" className="py-2 pr-3 text-right">Failed</th>
                    <th scope="col" className="py-2 pr-3 text-right">Skipped</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {v.testResults.map((t) => (
                    <tr key={t.id}>
                      <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                        {t.ciRunUrl ? <a href={t.ciRunUrl} rel="noreferrer">{fmtDateTime(t.runAt)}</a> : fmtDateTime(t.runAt)}
                      </th>
                      <td className="py-1.5 pr-3">{t.suite}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{t.passed}</td>
                      <td className={`py-1.5 pr-3 text-right tabular-nums ${t.failed ? 'font-semibold text-red-700' : ''}`}>{t.failed}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{t.skipped}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        )}

        <Card title="Model card" action={<a href={`/api/v1/versions/${v.id}/model-card`} className="text-sm">Download Markdown</a>}>
          <div id="model-card">
            {card ? (
              <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800" tabIndex={0} aria-label="Model card (Markdown)" data-testid="model-card">
                {card.markdown}
              </pre>
            ) : (
              <EmptyState>The model card could not be generated.</EmptyState>
            )}
          </div>
        </Card>
      </div>
    </article>
  );
}
