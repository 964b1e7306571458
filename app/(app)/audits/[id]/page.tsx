import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { can } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { isAppError } from '@/lib/errors';
import { auditView } from '@/lib/quarterly-audit/api-views';
import { getQuarterlyAudit } from '@/lib/quarterly-audit/queries';
import { signOffAction } from '../actions';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Quarterly audit' };
export const dynamic = 'force-dynamic';

const kb = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`);

export default async function AuditPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor('generate:quarterly-audit');
  const { id } = await params;
  const row = await getQuarterlyAudit(contextFor(actor), id).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const a = auditView(row);
  const s = a.summary;
  return (
    <>
      <PageHeader title={`Quarterly audit ${a.quarter}`} subtitle={<>Generated <Time value={a.generatedAt} /> by {a.generatedBy.name} · <Link className="underline" href="/audits">all reports</Link></>} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Result">
          <p className={`text-lg font-semibold ${s.compliant ? 'text-emerald-800' : 'text-red-800'}`} data-testid="audit-result">{s.compliant ? '✓ Compliant' : `✗ Not compliant: ${s.failed} failed check${s.failed === 1 ? '' : 's'}`}</p>
          <p className="mt-1 text-sm text-slate-700">{s.checks} checks: {s.passed} passed, {s.failed} failed, {s.pending} pending · {s.deployments} deployment(s), {s.transitions} transition(s), {s.parameterChanges} parameter change(s), {s.flagged} flagged</p>
          <p className="mt-2 text-sm text-slate-700">Controls without evidence this quarter: {s.gaps.length ? s.gaps.join(', ') : 'none'}</p>
          <p className="mt-2 text-sm text-slate-700">Audit chain head at generation: #{a.chainHeadSeq}</p>
          <code className="block font-mono text-xs break-all text-slate-800" data-testid="audit-head-hash">{a.chainHeadHash}</code>
        </Card>
        <Card title="Files">
          <ul className="space-y-2 text-sm">
            {a.files.map((f) => (
              <li key={f.name}>
                <a className="font-medium text-indigo-800 underline" href={f.href} download={f.name}>{f.name}</a> <span className="text-slate-600">({kb(f.sizeBytes)})</span>
                <code className="block font-mono text-xs break-all text-slate-600">sha256 {f.sha256}</code>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-600">The zip holds the three files laid out as docs/audits/{a.quarter}/, the quarter&apos;s events, the signed checkpoints and the public key: check it offline with <code>mgr verify-bundle</code>.</p>
        </Card>
      </div>
      <Card title="Sign-off" className="mt-4">
        {a.signOff ? (
          <div data-testid="audit-signoff">
            <p className="text-sm text-emerald-800">✓ Signed off by {a.signOff.by?.name} ({a.signOff.by?.email}) on <Time value={a.signOff.at} /></p>
            <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 text-sm text-slate-800">{a.signOff.comment}</blockquote>
          </div>
        ) : can(actor, 'signoff:quarterly-audit') ? (
          <ActionForm action={signOffAction} className="grid gap-2" testId="signoff-form">
            <input type="hidden" name="auditId" value={a.id} />
            <label htmlFor="comment" className={labelClass}>Comment (what you checked)</label>
            <textarea id="comment" name="comment" rows={3} className={inputClass} required />
            <div><button type="submit" className={buttonClass.primary}>Sign off</button></div>
          </ActionForm>
        ) : (
          <p className="text-sm text-slate-600">Not signed off yet.</p>
        )}
      </Card>
    </>
  );
}
