import type { Metadata } from 'next';
import Link from 'next/link';
import { VerifyChainButton } from '@/components/audit/verify-button';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { AuditSearchSchema, searchAuditEvents } from '@/lib/queries/audit';
import { verifyChainAction } from './actions';
import { pageSearchParams } from '@/lib/http/page-params';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('read:audit-log');
  const raw = await pageSearchParams(searchParams);
  const parsed = AuditSearchSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v !== '')));
  const search = parsed.success ? parsed.data : AuditSearchSchema.parse({});
  const data = await searchAuditEvents(contextFor(actor), search);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const link = (page: number) => `/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(search).filter(([k, v]) => v !== undefined && k !== 'page').map(([k, v]) => [k, String(v)])), page: String(page) })}`;
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change, append-only and hash-chained: each event's SHA-256 covers the previous event's hash." />
      <Card className="mb-4">
        <VerifyChainButton action={verifyChainAction} />
      </Card>
      <Card className="mb-4">
        <form method="get" className="grid gap-3 sm:grid-cols-5 sm:items-end">
          <div className="sm:col-span-2">
            <label htmlFor="q" className={labelClass}>Search</label>
            <input id="q" name="q" defaultValue={search.q} placeholder="action, actor or entity id" className={`mt-1 ${inputClass}`} />
          </div>
          <div>
            <label htmlFor="action" className={labelClass}>Action</label>
            <select id="action" name="action" defaultValue={search.action ?? ''} className={`mt-1 ${inputClass}`}>
              <option value="">All</option>
              {data.actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="from" className={labelClass}>From</label>
            <input id="from" name="from" type="date" defaultValue={search.from} className={`mt-1 ${inputClass}`} />
          </div>
          <div className="flex gap-2">
            <div className="flex-1">
              <label htmlFor="to" className={labelClass}>To</label>
              <input id="to" name="to" type="date" defaultValue={search.to} className={`mt-1 ${inputClass}`} />
            </div>
            <button type="submit" className={`${buttonClass.secondary} self-end`}>Filter</button>
          </div>
        </form>
      </Card>
      {data.items.length === 0 ? (
        <EmptyState>No audit events match.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="audit-table">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-700 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">#</th>
                <th scope="col" className="px-3 py-2">Happened (UTC)</th>
                <th scope="col" className="px-3 py-2">Actor</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Entity</th>
                <th scope="col" className="px-3 py-2">Change</th>
                <th scope="col" className="px-3 py-2">Hash</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((e) => (
                <tr key={e.seq} className="align-top">
                  <td className="px-3 py-2 font-mono tabular-nums">{e.seq}</td>
                  <td className="px-3 py-2 whitespace-nowrap" title={`recorded ${e.recordedAt.toISOString()}`}>
                    {e.occurredAt.toISOString().replace('T', ' ').slice(0, 19)}
                    {e.recordedAt.getTime() - e.occurredAt.getTime() > 60_000 && (
                      <span className="block text-xs text-slate-500">recorded {e.recordedAt.toISOString().slice(0, 10)}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{e.actorLabel}<span className="block text-xs text-slate-500">{e.actorType}</span></td>
                  <td className="px-3 py-2 font-medium">
                    {e.action}
                    {!e.valid && <span className="block text-xs text-amber-800" title={e.issue}>does not match its schema</span>}
                    {e.valid && e.action === 'history.imported' && <span className="block text-xs text-amber-800">{e.change.mark}</span>}
                  </td>
                  <td className="px-3 py-2">
                    {e.entityType === 'model_version' ? <Link href={`/versions/${e.entityId}`}>{e.entityType}</Link> : e.entityType}
                    <span className="block font-mono text-xs text-slate-500">{e.entityId}</span>
                  </td>
                  <td className="max-w-md px-3 py-2">
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-700">{summarize(e.change)}</summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(e.change, null, 2)}</pre>
                    </details>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-600" title={`prev ${e.prevHash}\nhash ${e.hash}`}>{e.hash.slice(0, 12)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        <span>{data.total} events · page {data.page} of {pages}</span>
        <span className="flex gap-2">
          {data.page > 1 && <Link href={link(data.page - 1)} className={buttonClass.secondary}>Newer</Link>}
          {data.page < pages && <Link href={link(data.page + 1)} className={buttonClass.secondary}>Older</Link>}
        </span>
      </nav>
    </>
  );
}

function summarize(change: unknown): string {
  if (!change || typeof change !== 'object') return String(change);
  const obj = change as Record<string, unknown>;
  const keys = ['modelId', 'from', 'to', 'decision', 'parameterId', 'email', 'name'].filter((k) => obj[k] !== undefined);
  const s = keys.map((k) => `${k}: ${String(obj[k])}`).join(' · ');
  return s || `${Object.keys(obj).length} fields`;
}
