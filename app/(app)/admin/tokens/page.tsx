import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listApiTokens, type ApiTokenView } from '@/lib/services/api-tokens';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

function when(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—';
}

function TokenState({ t }: { t: ApiTokenView }) {
  if (t.revokedAt) return <Tag tone="red">revoked {t.revokedAt.slice(0, 10)}</Tag>;
  if (!t.active) return <Tag tone="amber">expired</Tag>;
  return <Tag tone="indigo">active{t.expiresAt ? ` until ${t.expiresAt.slice(0, 10)}` : ''}</Tag>;
}

export default async function ApiTokensPage() {
  const actor = await requirePageActor('manage:api-tokens');
  const tokens = await listApiTokens(contextFor(actor));
  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Tokens let CI pipelines and the mgr CLI call the REST API with a role. Only a hash is stored: a token is shown once, when it is created."
      >
        <Link href="/api-docs" className={buttonClass.secondary}>API documentation</Link>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Tokens" className="lg:col-span-2">
          {tokens.length === 0 ? (
            <EmptyState>No API tokens yet.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm" data-testid="tokens-table">
                <thead className="text-left text-xs text-slate-700 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-3">Name</th>
                    <th scope="col" className="py-2 pr-3">Prefix</th>
                    <th scope="col" className="py-2 pr-3">Role</th>
                    <th scope="col" className="py-2 pr-3">Created</th>
                    <th scope="col" className="py-2 pr-3">Last used</th>
                    <th scope="col" className="py-2 pr-3">State</th>
                    <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => (
                    <tr key={t.id}>
                      <td className="py-2 pr-3 font-medium text-slate-900">{t.name}</td>
                      <td className="py-2 pr-3 font-mono text-xs">mgr_{t.prefix}_…</td>
                      <td className="py-2 pr-3">{t.role}{t.senior ? ' (senior)' : ''}</td>
                      <td className="py-2 pr-3 whitespace-nowrap">{when(t.createdAt)}<br /><span className="text-xs text-slate-600">by {t.createdBy}</span></td>
                      <td className="py-2 pr-3 whitespace-nowrap">{when(t.lastUsedAt)}</td>
                      <td className="py-2 pr-3"><TokenState t={t} /></td>
                      <td className="py-2">
                        {!t.revokedAt && (
                          <ActionForm action={revokeTokenAction} testId={`revoke-${t.prefix}`}>
                            <input type="hidden" name="tokenId" value={t.id} />
                            <button type="submit" className={buttonClass.danger} aria-label={`Revoke token ${t.name}`}>
                              Revoke
                            </button>
                          </ActionForm>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title="New token">
          <CreateTokenForm />
        </Card>
      </div>
    </>
  );
}
