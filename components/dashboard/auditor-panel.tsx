import Link from '@/components/ui/link';
import { verifyChainAction } from '@/app/(app)/audit/actions';
import { VerifyChainButton } from '@/components/audit/verify-button';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { chainStatus, lastQuarterlyReport } from '@/lib/queries/dashboard-auditor';
import { Time } from '@/components/ui/time';

const short = (h: string) => `${h.slice(0, 12)}…`;

/** The chain's head against the last signed checkpoint, with the full verification one click away. */
export async function ChainStatusCard({ ctx }: { ctx: ServiceContext }) {
  const s = await chainStatus(ctx);
  const cp = s.checkpoint;
  const healthy = !!cp && cp.signatureOk !== false && cp.eventMatches;
  return (
    <Card title="Audit chain">
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm" data-testid="chain-status">
        <dt className="text-slate-600">Head</dt>
        <dd>{s.head ? <>event #{s.head.seq} <code className="font-mono text-xs">{short(s.head.hash)}</code></> : 'no events yet'}</dd>
        <dt className="text-slate-600">Last checkpoint</dt>
        <dd data-testid="last-checkpoint">
          {cp ? (
            <>
              #{cp.seq} signed <Time value={cp.at} /> <span className="text-slate-600">({cp.reason})</span>
              <span className="block text-xs text-slate-600">{cp.eventsSince === 0 ? 'covers the head' : `${cp.eventsSince} event${cp.eventsSince === 1 ? '' : 's'} since`}</span>
            </>
          ) : (
            <span className="text-amber-900">none signed yet</span>
          )}
        </dd>
        <dt className="text-slate-600">Status</dt>
        <dd>
          {!cp ? (
            <span className="text-amber-900">no checkpoint to compare with</span>
          ) : healthy ? (
            <span className="text-emerald-800">✓ checkpoint signature {cp.signatureOk === null ? 'not checked (no signing key here)' : 'valid'}; the event it signed is unchanged</span>
          ) : (
            <span role="alert" className="font-medium text-red-800">
              ✗ {cp.signatureOk === false ? `checkpoint signature invalid (${cp.signatureProblem})` : `event #${cp.seq} no longer has the signed hash`}
            </span>
          )}
        </dd>
      </dl>
      <p className="mt-2 mb-3 text-xs text-slate-600">This is a quick check. Verification recomputes every hash and compares the chain with every checkpoint.</p>
      <VerifyChainButton action={verifyChainAction} />
    </Card>
  );
}

/** The newest quarterly report: quarter, result, and whether it is signed off. */
export async function LastReportCard({ ctx }: { ctx: ServiceContext }) {
  const r = await lastQuarterlyReport(ctx);
  return (
    <Card title="Last quarterly report">
      {!r ? (
        <EmptyState>No quarterly report yet. <Link href="/audits">Generate one</Link>.</EmptyState>
      ) : (
        <div className="space-y-1 text-sm" data-testid="last-report">
          <p>
            <Link href={`/audits/${r.id}`} className="font-semibold">{r.quarter}</Link>{' '}
            <span className="text-slate-600">generated <Time value={r.generatedAt} /> by {r.generatedBy.name || r.generatedBy.email}</span>
          </p>
          <p className={r.summary.compliant ? 'text-emerald-800' : 'text-amber-900'}>
            {r.summary.passed} of {r.summary.checks} checks passed{r.summary.failed ? `, ${r.summary.failed} failed` : ''}{r.summary.flagged ? `, ${r.summary.flagged} flagged` : ''}
            {r.summary.gaps.length ? ` · ${r.summary.gaps.length} control gap${r.summary.gaps.length === 1 ? '' : 's'}` : ''}
          </p>
          <p data-testid="report-signoff">
            {r.signOff ? (
              <span className="text-emerald-800">✓ signed off <Time value={r.signOff.at} /> by {r.signOff.by?.name || r.signOff.by?.email}</span>
            ) : (
              <span className="font-medium text-amber-900">Not signed off yet. <Link href={`/audits/${r.id}`}>Review and sign off</Link></span>
            )}
          </p>
        </div>
      )}
    </Card>
  );
}
