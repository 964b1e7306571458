import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { Tag } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { docInfo, docOperations, type DocOperation, type FieldRow } from '@/lib/openapi/docs';
import { canCreateServiceToken } from '@/lib/permissions/admin';

export const metadata: Metadata = { title: 'API documentation' };
export const dynamic = 'force-dynamic';

const METHOD_TONE = { GET: 'indigo', POST: 'amber', DELETE: 'red' } as const;

function Fields({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (!rows.length) return null;
  return (
    <Table caption={caption} captionVisible bleed={false}>
      <THead>
        <Th>Field</Th>
        <Th>Type</Th>
        <Th>Rules</Th>
        <Th>Description</Th>
      </THead>
      <TBody className="align-top">
        {rows.map((r) => (
          <tr key={r.name}>
            <Td dense className="font-mono text-xs whitespace-nowrap">
              {r.name}
              {r.required && <span className="ml-1 text-red-800" title="required">*</span>}
            </Td>
            <Td dense className="font-mono text-xs">{r.type}</Td>
            <Td dense className="font-mono text-xs break-all text-slate-700">{r.constraints}</Td>
            <Td dense className="text-slate-700">{r.description}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function Operation({ op }: { op: DocOperation }) {
  return (
    <section id={op.id} aria-labelledby={`${op.id}-title`} className="scroll-mt-4 border-t border-slate-200 pt-4">
      <h3 id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
        <Tag tone={METHOD_TONE[op.method as keyof typeof METHOD_TONE] ?? 'slate'}>{op.method}</Tag>
        <code className="font-mono text-sm break-all">{op.path}</code>
        <span className="font-normal text-slate-700">— {op.summary}</span>
      </h3>
      <p className="mt-1 text-sm text-slate-700">{op.description}</p>
      <p className="mt-1 text-xs text-slate-600">
        Permission: <code className="font-mono">{op.permission === 'none' ? 'none (public)' : op.permission === 'authenticated' ? 'any token; the role is checked for the target' : op.permission}</code>
      </p>
      <div className="mt-3 space-y-3">
        <Fields rows={op.parameters} caption="Parameters" />
        {op.body && <Fields rows={op.body.rows} caption="Request body (application/json)" />}
        <div>
          <p className="mb-1 text-xs font-semibold tracking-wide text-slate-700 uppercase">Responses</p>
          <ul className="text-sm">
            {op.responses.map((r) => (
              <li key={r.status}>
                <code className="font-mono">{r.status}</code> {r.description}
                {r.contentType && <span className="text-xs text-slate-600"> ({r.contentType})</span>}
              </li>
            ))}
          </ul>
        </div>
        <details>
          <summary className="cursor-pointer text-sm font-medium text-indigo-800">Example request (curl)</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100"><code>{op.curl}</code></pre>
          {op.body?.example && (
            <>
              <p className="mt-2 text-xs text-slate-600">Body, formatted:</p>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 text-xs text-slate-900"><code>{op.body.example}</code></pre>
            </>
          )}
        </details>
      </div>
    </section>
  );
}

export default async function ApiDocsPage() {
  const actor = await requirePageActor('read:registry');
  const info = docInfo();
  const ops = docOperations();
  return (
    <>
      <PageHeader title="API documentation" subtitle={`${info.title} ${info.version}`}>
        <a href="/api/v1/openapi.json" className="text-sm">OpenAPI document (JSON)</a>
      </PageHeader>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-4">
        <nav aria-label="Operations" className="lg:col-span-1">
          <Card title="Operations">
            {info.tags.map((t) => (
              <div key={t.name} className="mb-3">
                <p className="text-xs font-semibold text-slate-700 uppercase">{t.name}</p>
                <ul className="text-sm">
                  {ops.filter((o) => o.tag === t.name).map((o) => (
                    <li key={o.id}>
                      <a href={`#${o.id}`} className="inline-block py-0.5"><span className="font-mono text-xs">{o.method}</span> {o.path.replace('/api/v1', '')}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Card>
        </nav>
        <div className="space-y-4 lg:col-span-3">
          <Card title="Getting started">
            <div className="space-y-2 text-sm text-slate-800">
              <p>{info.description}</p>
              <p>
                Authenticate with an API token: <code className="font-mono">Authorization: Bearer mgr_…</code>.{' '}
                Make a personal token (it acts as you) under <Link href="/account/tokens" className="underline">My tokens</Link>.{' '}
                {canCreateServiceToken(actor).ok ? (
                  <>Service tokens for pipelines (register and report, never decide) are under <Link href="/admin/tokens" className="underline">Admin → API tokens</Link>.</>
                ) : (
                  <>A pipeline needs a service token (engineer to register versions): ask an admin.</>
                )}
              </p>
              <p>
                Errors are <code className="font-mono">application/problem+json</code>: <code className="font-mono">{'{ "title", "status", "detail", "code", "errors": { "field.path": ["reason"] } }'}</code>.
                A failed request changes nothing.
              </p>
            </div>
          </Card>
          {info.tags.map((t) => (
            <Card key={t.name} title={t.name}>
              <p className="mb-2 text-sm text-slate-700">{t.description}</p>
              <div className="space-y-4">
                {ops.filter((o) => o.tag === t.name).map((o) => (
                  <Operation key={o.id} op={o} />
                ))}
              </div>
            </Card>
          ))}
        </div>
      </div>
    </>
  );
}
