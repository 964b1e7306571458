import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import type { FormState } from '@/lib/api/action-error';
import type { ApiTokenView } from '@/lib/services/api-tokens';

function when(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—';
}

function TokenState({ t }: { t: ApiTokenView }) {
  if (t.revokedAt) return <Tag tone="red">revoked {t.revokedAt.slice(0, 10)}</Tag>;
  if (!t.active) return <Tag tone="amber">expired</Tag>;
  return <Tag tone="indigo">active{t.expiresAt ? ` until ${t.expiresAt.slice(0, 10)}` : ''}</Tag>;
}

/** Tokens with their kind, role, use and state; each active one has a Revoke button. */
export function TokensTable({ tokens, revoke, showOwner }: { tokens: ApiTokenView[]; revoke: (prev: FormState, form: FormData) => Promise<FormState>; showOwner: boolean }) {
  if (tokens.length === 0) return <EmptyState>No API tokens yet.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="tokens-table">
        <thead className="text-left text-xs text-slate-700 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3">Name</th>
            <th scope="col" className="py-2 pr-3">Prefix</th>
            <th scope="col" className="py-2 pr-3">Kind, role</th>
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
              <td className="py-2 pr-3">
                {t.kind === 'personal' ? 'personal' : 'service'} · {t.role}{t.senior ? ' (senior)' : ''}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">
                {when(t.createdAt)}
                {showOwner && <><br /><span className="text-xs text-slate-600">{t.kind === 'personal' ? 'acts as' : 'issued by'} {t.createdBy}</span></>}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{when(t.lastUsedAt)}</td>
              <td className="py-2 pr-3"><TokenState t={t} /></td>
              <td className="py-2">
                {!t.revokedAt && (
                  <ActionForm action={revoke} testId={`revoke-${t.prefix}`}>
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
  );
}
