import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { TokensTable } from '@/components/tokens/tokens-table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listApiTokens } from '@/lib/services/api-tokens';
import { createPersonalTokenAction, revokePersonalTokenAction } from './actions';

export const metadata: Metadata = { title: 'My API tokens' };
export const dynamic = 'force-dynamic';

export default async function MyTokensPage() {
  const actor = await requirePageActor('read:registry');
  const tokens = await listApiTokens(contextFor(actor), { mine: true });
  return (
    <>
      <PageHeader
        title="My API tokens"
        subtitle={`Personal tokens act as you (${actor.label}, ${actor.role}) from scripts and the mgr CLI: the audit log names you and the token. Only a hash is stored: a token is shown once, when it is created.`}
      >
        <Link href="/api-docs" className={buttonClass.secondary}>API documentation</Link>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="My tokens" className="lg:col-span-2">
          <TokensTable tokens={tokens} revoke={revokePersonalTokenAction} showOwner={false} />
        </Card>
        <Card title="New personal token">
          <CreateTokenForm kind="personal" action={createPersonalTokenAction} />
        </Card>
      </div>
    </>
  );
}
