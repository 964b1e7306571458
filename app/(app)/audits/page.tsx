import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { GenerateAuditForm } from '@/components/audits/generate-audit-form';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { auditView } from '@/lib/quarterly-audit/api-views';
import { quarterContaining, quarterOf } from '@/lib/quarterly-audit/quarter';
import { listQuarterlyAudits } from '@/lib/quarterly-audit/queries';
import { generateAuditAction } from './actions';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Quarterly audits' };
export const dynamic = 'force-dynamic';

function previousQuarter(now: Date): string {
  const q = quarterContaining(now);
  return q.q === 1 ? quarterOf(q.year - 1, 4).id : quarterOf(q.year, (q.q - 1) as 1 | 2 | 3).id;
}

export default async function AuditsPage() {
  const actor = await requirePageActor('generate:quarterly-audit');
  const ctx = contextFor(actor);
  const audits = (await listQuarterlyAudits(ctx)).map(auditView);
  return (
    <>
      <PageHeader title="Quarterly audits" subtitle="The seed's five-step quarterly audit: versions deployed, performance by use case, process followed, unapproved parameter changes, compliance and control map. Each report is an immutable snapshot tied to the audit chain's head." />
      <Card className="mb-4" title="Generate">
        <GenerateAuditForm action={generateAuditAction} defaultQuarter={previousQuarter(ctx.now())} />
      </Card>
      {audits.length === 0 ? (
        <EmptyState>No report generated yet.</EmptyState>
      ) : (
        <Table bleed={false} frameClassName="rounded-lg border border-slate-200 bg-white" testId="audits-table">
            <caption className="sr-only">Generated quarterly audits, newest first</caption>
            <THead className="bg-slate-50">
                <Th className="px-3">Quarter</Th>
                <Th className="px-3">Generated</Th>
                <Th className="px-3">By</Th>
                <Th className="px-3">Chain head</Th>
                <Th className="px-3">Checks</Th>
                <Th className="px-3">Sign-off</Th>
              </THead>
            <TBody>
              {audits.map((a) => (
                <tr key={a.id}>
                  <Td className="px-3 font-medium"><Link className="text-indigo-800 underline" href={`/audits/${a.id}`}>{a.quarter}</Link></Td>
                  <Td className="px-3 whitespace-nowrap"><Time value={a.generatedAt} /></Td>
                  <Td className="px-3">{a.generatedBy.name}</Td>
                  <Td className="px-3 py-2 font-mono text-xs" title={a.chainHeadHash}>#{a.chainHeadSeq} {a.chainHeadHash.slice(0, 16)}…</Td>
                  <Td className="px-3">
                    <span className={a.summary.failed ? 'text-red-800' : 'text-emerald-800'}>{a.summary.passed} ✓ · {a.summary.failed} ✗</span>
                    {a.summary.pending ? <span className="text-amber-800"> · {a.summary.pending} pending</span> : null}
                  </Td>
                  <Td className="px-3">{a.signOff ? `✓ ${a.signOff.by?.name ?? ''}` : <span className="text-slate-600">not signed off</span>}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
      )}
    </>
  );
}
