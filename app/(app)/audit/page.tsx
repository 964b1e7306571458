import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { VerifyChainButton } from '@/components/audit/verify-button';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { AuditSearchSchema, searchAuditEvents } from '@/lib/queries/audit';
import { verifyChainAction } from './actions';
import { pageSearchParams } from '@/lib/http/page-params';
import { Time } from '@/components/ui/time';
import { fieldLabel } from '@/lib/domain/field-label';
import { auditActionLabel, entityTypeLabel } from '@/lib/domain/audit-labels';

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
            <input id="q" name="q" defaultValue={search.q} placeholder="action, actor, model id or entity id" className={`mt-1 ${inputClass}`} />
          </div>
          <div>
            <label htmlFor="action" className={labelClass}>Action</label>
            <select id="action" name="action" defaultValue={search.action ?? ''} className={`mt-1 ${inputClass}`}>
              <option value="">All</option>
              {data.actions.map((a) => <option key={a} value={a}>{auditActionLabel(a)}</option>)}
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
        <Table bleed={false} minWidth="min-w-[56rem]" frameClassName="rounded-lg border border-slate-200 bg-white" testId="audit-table">
            <caption className="sr-only">Audit events, newest first</caption>
            <THead className="bg-slate-50">
                <Th className="px-3">#</Th>
                <Th className="px-3">Happened</Th>
                <Th className="px-3">Actor</Th>
                <Th className="px-3">Action</Th>
                <Th className="px-3">Entity</Th>
                <Th className="px-3">Change</Th>
                <Th className="px-3">Hash</Th>
              </THead>
            <TBody>
              {data.items.map((e) => (
                <tr key={e.seq} className="align-top">
                  <Td className="px-3 font-mono tabular-nums">{e.seq}</Td>
                  <Td className="px-3 whitespace-nowrap">
                    <Time value={e.occurredAt} />
                    {e.recordedAt.getTime() - e.occurredAt.getTime() > 60_000 && (
                      <span className="block text-xs text-slate-600">recorded <Time value={e.recordedAt} style="date" /></span>
                    )}
                  </Td>
                  <Td className="px-3 break-words">{e.actorLabel}<span className="block text-xs text-slate-600">{ACTOR_TYPE[e.actorType] ?? e.actorType}</span></Td>
                  <Td className="px-3 font-medium">
                    <span title={e.action}>{auditActionLabel(e.action)}</span>
                    {!e.valid && <span className="block text-xs text-amber-800" title={e.issue}>does not match its schema</span>}
                    {e.valid && e.action === 'history.imported' && <span className="block text-xs text-amber-800">{e.change.mark}</span>}
                  </Td>
                  <Td className="px-3">
                    {entityTypeLabel(e.entityType)}
                    {/* A name a person knows (model id, parameter set, email, quarter); the database id only in the details. */}
                    {entityName(e.change) && (
                      <span className="block font-mono text-xs break-all">
                        {e.entityType === 'model_version' ? <Link href={`/versions/${entityName(e.change)}`}>{entityName(e.change)}</Link> : entityName(e.change)}
                      </span>
                    )}
                  </Td>
                  <Td className="max-w-md px-3">
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-700">{summarize(e.change)}</summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(e.change, null, 2)}</pre>
                      <p className="mt-1 text-xs text-slate-600">{e.action} · {e.entityType} <span className="font-mono break-all">{e.entityId}</span></p>
                    </details>
                  </Td>
                  <Td className="px-3 font-mono text-xs text-slate-600" title={`prev ${e.prevHash}\nhash ${e.hash}`}>{e.hash.slice(0, 12)}…</Td>
                </tr>
              ))}
            </TBody>
          </Table>
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

const ACTOR_TYPE: Record<string, string> = { user: 'person', api_token: 'API token', system: 'system' };

/** The entity's name as people know it, when the event's payload carries one. */
function entityName(change: unknown): string | null {
  if (!change || typeof change !== 'object') return null;
  const obj = change as Record<string, unknown>;
  for (const k of ['modelId', 'parameterId', 'email', 'quarter', 'name', 'url', 'key']) {
    if (typeof obj[k] === 'string' && obj[k]) return obj[k] as string;
  }
  return null;
}

function summarize(change: unknown): string {
  if (!change || typeof change !== 'object') return String(change);
  const obj = change as Record<string, unknown>;
  const keys = ['modelId', 'from', 'to', 'decision', 'parameterId', 'email', 'name'].filter((k) => obj[k] !== undefined);
  const s = keys.map((k) => `${fieldLabel(k)}: ${String(obj[k])}`).join(' · ');
  return s || `${Object.keys(obj).length} fields`;
}
