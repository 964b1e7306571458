import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { ActionForm } from '@/components/ui/action-form';
import { Tag } from '@/components/ui/badge';
import { ConfirmSubmit } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/card';
import { Time } from '@/components/ui/time';
import type { FormState } from '@/lib/api/action-error';
import type { ApiTokenView } from '@/lib/services/api-tokens';

function when(iso: string | null) {
  return iso ? <Time value={iso} /> : '—';
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
    <Table bleed={false} testId="tokens-table">
        <THead>
            <Th>Name</Th>
            <Th>Prefix</Th>
            <Th>Kind, role</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
            <Th>State</Th>
            <Th><span className="sr-only">Actions</span></Th>
          </THead>
        <TBody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <Td className="font-medium text-slate-900">{t.name}</Td>
              <Td className="font-mono text-xs">mgr_{t.prefix}_…</Td>
              <Td>
                {t.kind === 'personal' ? 'personal' : 'service'} · {t.role}{t.senior ? ' (senior)' : ''}
              </Td>
              <Td className="whitespace-nowrap">
                {when(t.createdAt)}
                {showOwner && <><br /><span className="text-xs text-slate-600">{t.kind === 'personal' ? 'acts as' : 'issued by'} {t.createdBy}</span></>}
              </Td>
              <Td className="whitespace-nowrap">{when(t.lastUsedAt)}</Td>
              <Td><TokenState t={t} /></Td>
              <Td>
                {!t.revokedAt && (
                  <ActionForm action={revoke} testId={`revoke-${t.prefix}`}>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <ConfirmSubmit
                      title={`Revoke the token “${t.name}”?`}
                      description={<p>Anything still using <span className="font-mono">mgr_{t.prefix}_…</span> is refused from now on. A revoked token cannot be restored; you would issue a new one.</p>}
                      confirmLabel="Revoke token"
                      ariaLabel={`Revoke token ${t.name}`}
                    >
                      Revoke
                    </ConfirmSubmit>
                  </ActionForm>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
  );
}
