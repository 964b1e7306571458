import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { ClaimBadge, Delta } from '@/components/versions/delta';
import { fmtValue } from '@/components/versions/format';
import { Time } from '@/components/ui/time';
import { fieldLabel } from '@/lib/domain/field-label';
import type { PromotionEvidence } from '@/lib/queries/promotion-evidence';
import { ModelId } from '@/components/ui/model-id';

// The evidence of one promotion request, as facts read by lib/queries/promotion-evidence.ts:
// metrics against thresholds and production, gates, tests, the RAI assessment, lineage. Each part
// is a <details> (open) so a member can fold what they have read; nothing here judges anything.

const Ok = ({ ok, children }: { ok: boolean; children?: React.ReactNode }) => (
  <span className={`font-medium whitespace-nowrap ${ok ? 'text-emerald-800' : 'text-red-800'}`}>
    <span aria-hidden="true">{ok ? '✓' : '✗'}</span>
    <span className="sr-only">{ok ? 'passes' : 'fails'}</span>
    {children ? <> {children}</> : null}
  </span>
);

function Section({ title, summary, children, testId }: { title: string; summary?: React.ReactNode; children: React.ReactNode; testId?: string }) {
  return (
    <details open className="group rounded-md border border-slate-200" data-testid={testId}>
      <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-2 text-sm font-semibold text-slate-800">
        {title}
        {summary && <span className="text-xs font-normal text-slate-600">{summary}</span>}
      </summary>
      <div className="min-w-0 border-t border-slate-100 px-3 py-2">{children}</div>
    </details>
  );
}

const arrow = (d: string) => (d === 'lower_is_better' ? '↓ lower is better' : '↑ higher is better');

function MetricsEvidence({ e }: { e: PromotionEvidence }) {
  const failing = e.metrics.filter((m) => m.thresholdCheck && !m.thresholdCheck.ok).length + e.metrics.filter((m) => m.regressionCheck && !m.regressionCheck.ok).length;
  return (
    <Section
      title="Metrics"
      testId="evidence-metrics"
      summary={<>vs thresholds and {e.production ? <>production <span className="font-mono">{e.production.modelId}</span></> : 'no production version'}{failing ? ` · ${failing} check${failing === 1 ? '' : 's'} failing` : ''}</>}
    >
      {e.metrics.length === 0 ? (
        <p className="text-sm text-slate-600">No metrics recorded for this version.</p>
      ) : (
        <Table bleed={false} minWidth="min-w-[30rem]" label={`Metrics of ${e.modelId}`} caption={`Metrics of ${e.modelId} against thresholds and the production version, with the claimed impact`}>
          <THead>
            <Th>Metric</Th>
            <Th align="right">This version</Th>
            <Th align="right">vs production</Th>
            <Th>Threshold</Th>
            <Th>Claimed</Th>
          </THead>
          <TBody>
            {e.metrics.map((m) => (
              <tr key={m.key}>
                <RowHeader>
                  {m.name}
                  <span className="block text-xs font-normal text-slate-600">{arrow(m.direction)}{m.unit ? ` · ${m.unit}` : ''}</span>
                </RowHeader>
                <Td align="right">
                  {fmtValue(m.value)}
                  {m.valueSource === 'scenario_mean' && <span className="block text-xs text-slate-600">mean of scenarios</span>}
                </Td>
                <Td align="right">
                  <Delta pct={m.changePct} verdict={m.verdict} />
                  {m.production != null && <span className="block text-xs text-slate-600">production {fmtValue(m.production)}</span>}
                  {m.regressionCheck && !m.regressionCheck.ok && <span className="block text-xs text-red-800">beyond tolerance</span>}
                </Td>
                <Td>{m.thresholdCheck ? <Ok ok={m.thresholdCheck.ok}>{m.thresholdCheck.label.replace(`${m.name} `, '')}</Ok> : <span className="text-slate-600">none</span>}</Td>
                <Td>
                  {m.claimedRaw ? (
                    <span className="flex flex-wrap items-center gap-1"><span className="text-xs">{m.claimedRaw}</span><ClaimBadge check={m.claimCheck} /></span>
                  ) : (
                    <span className="text-slate-600">—</span>
                  )}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {e.unmatchedClaims.length > 0 && <p className="mt-2 text-xs text-slate-600">Claims on metrics the registry does not measure: {e.unmatchedClaims.map((c) => c.raw).join(', ')}</p>}
      {!e.production && <p className="mt-2 text-xs text-slate-600">{e.component.name} has no version in production: nothing to compare with.</p>}
    </Section>
  );
}

function GatesEvidence({ e }: { e: PromotionEvidence }) {
  return (
    <Section title="Gates" testId="evidence-gates" summary={e.gates.map((g) => `${g.label}: ${g.evaluation.ok ? 'passes' : 'not yet'}`).join(' · ')}>
      <ul className="space-y-2 text-sm">
        {e.gates.map((g) => (
          <li key={g.to}>
            <p className="font-medium text-slate-800">
              <Ok ok={g.evaluation.ok} /> {g.from} → {g.to}: {g.label}
            </p>
            <ul className="mt-1 space-y-0.5 pl-5 text-xs text-slate-700">
              {g.evaluation.checks.map((c) => (
                <li key={c.key}><Ok ok={c.ok} /> {c.label} — {c.detail}</li>
              ))}
              {g.evaluation.notes.map((n) => (
                <li key={n} className="text-slate-600">Note: {n}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function TestsEvidence({ e }: { e: PromotionEvidence }) {
  return (
    <Section title="Latest test results" testId="evidence-tests" summary={e.tests.length ? `${e.tests.length} suite${e.tests.length === 1 ? '' : 's'}` : 'none recorded'}>
      {e.tests.length === 0 ? (
        <p className="text-sm text-slate-600">No test results recorded.</p>
      ) : (
        <Table bleed={false} minWidth="min-w-[24rem]" label={`Latest test results of ${e.modelId}`} caption="Latest run of each test suite">
          <THead>
            <Th>Suite</Th>
            <Th align="right">Passed</Th>
            <Th align="right">Failed</Th>
            <Th align="right">Skipped</Th>
            <Th>Run</Th>
          </THead>
          <TBody>
            {e.tests.map((t) => (
              <tr key={t.suite}>
                <RowHeader>{t.suite}</RowHeader>
                <Td align="right">{t.passed}</Td>
                <Td align="right" className={t.failed ? 'font-semibold text-red-800' : ''}>{t.failed}</Td>
                <Td align="right">{t.skipped}</Td>
                <Td className="whitespace-nowrap">{t.ciRunUrl ? <a href={t.ciRunUrl}><Time value={t.runAt} /></a> : <Time value={t.runAt} />}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
    </Section>
  );
}

function RaiEvidence({ e, H }: { e: PromotionEvidence; H: 'h3' | 'h4' }) {
  const a = e.rai.latest;
  if (!a) {
    return (
      <Section title="Responsible AI" testId="evidence-rai" summary="not assessed">
        <p className="text-sm text-slate-800" data-testid="rai-missing">RAI: {e.rai.missingReason}.</p>
      </Section>
    );
  }
  const d = a.detail;
  const langs = d ? Object.entries(d.languageMetrics) : [];
  return (
    <Section
      title="Responsible AI"
      testId="evidence-rai"
      summary={<>
        <span className={a.result === 'pass' ? 'font-semibold text-emerald-800' : 'font-semibold text-red-800'}>{a.result}</span> · assessed <Time value={a.assessedAt} />{a.reviewer ? ` by ${a.reviewer}` : ''}
      </>}
    >
      {a.failures.length > 0 && (
        <ul className="mb-2 list-disc pl-5 text-sm text-red-800">
          {a.failures.map((f) => <li key={f}>{f}</li>)}
        </ul>
      )}
      {!d ? (
        <p className="text-sm text-slate-600">The assessment’s details are not in the registry’s format; only its result is shown.</p>
      ) : (
        <div className="grid grid-cols-1 gap-3 text-sm md:grid-cols-2">
          <div className="min-w-0">
            <H className="mb-1 font-semibold text-slate-800">Bias on diverse test sets</H>
            <ul className="space-y-0.5">
              {d.biasMetrics.map((b) => (
                <li key={`${b.testSet}-${b.metric}`}><Ok ok={b.ok} /> {b.testSet}: {fieldLabel(b.metric)} {fmtValue(b.value)} (limit {b.direction === 'lower_is_better' ? '≤' : '≥'} {fmtValue(b.threshold)})</li>
              ))}
            </ul>
          </div>
          <div className="min-w-0">
            <H className="mb-1 font-semibold text-slate-800">Fairness across languages</H>
            <p>
              {langs.map(([l, v]) => `${l} ${fmtValue(v)}`).join(' · ')}
            </p>
            <p className="mt-0.5">
              {a.disparityOk != null && <Ok ok={a.disparityOk} />} largest gap between languages {fmtValue(a.maxDisparity)} (limit ≤ {fmtValue(e.rai.disparityLimit)})
            </p>
          </div>
          <div className="min-w-0">
            <H className="mb-1 font-semibold text-slate-800">Robustness (adversarial)</H>
            <ul className="space-y-0.5">
              {d.robustness.map((r) => <li key={r.attack}><Ok ok={r.passed} /> {r.attack}{r.score != null ? ` (score ${fmtValue(r.score)})` : ''}</li>)}
            </ul>
          </div>
          <div className="min-w-0">
            <H className="mb-1 font-semibold text-slate-800">Ethics checklist</H>
            <ul className="space-y-0.5">
              {Object.entries(d.ethicsChecklist).map(([item, ok]) => <li key={item}><Ok ok={ok} /> {item}</li>)}
            </ul>
          </div>
        </div>
      )}
      {a.notes && <p className="mt-2 text-sm text-slate-700">{a.notes}</p>}
    </Section>
  );
}

function LineageEvidence({ e }: { e: PromotionEvidence }) {
  const l = e.lineage;
  return (
    <Section title="Lineage" testId="evidence-lineage" summary={<>branch <span className="font-mono">{l.branch ?? 'not recorded'}</span></>}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">Branch</dt>
        <dd className="min-w-0 font-mono break-words">{l.branch ? <ModelId id={l.branch} /> : 'not recorded'}</dd>
        <dt className="text-slate-600">Commit</dt>
        <dd className="min-w-0 font-mono break-all">{l.commit ?? 'not recorded'}</dd>
        <dt className="text-slate-600">Claimed impact</dt>
        <dd className="min-w-0">{l.claimedImpact.length ? l.claimedImpact.join('; ') : 'none stated'}</dd>
        {l.reviewedBy.length > 0 && (
          <>
            <dt className="text-slate-600">Reviewed by</dt>
            <dd className="min-w-0">{l.reviewedBy.join(', ')}</dd>
          </>
        )}
      </dl>
      {l.message && (
        <pre className="mt-2 max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap text-slate-800" role="region" aria-label={`Commit message of ${e.modelId}`} tabIndex={0}>{l.message}</pre>
      )}
    </Section>
  );
}

/** Everything a member weighs before voting, in the order they weigh it. */
export function PromotionEvidenceView({ evidence, subHeading = 'h4' }: { evidence: PromotionEvidence; /** The level below the request's own heading. */ subHeading?: 'h3' | 'h4' }) {
  return (
    <div className="mt-3 space-y-2" data-testid="evidence">
      <MetricsEvidence e={evidence} />
      <RaiEvidence e={evidence} H={subHeading} />
      <GatesEvidence e={evidence} />
      <TestsEvidence e={evidence} />
      <LineageEvidence e={evidence} />
    </div>
  );
}
