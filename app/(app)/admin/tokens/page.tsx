import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { TokensTable } from '@/components/tokens/tokens-table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listApiTokens } from '@/lib/services/api-tokens';
import { createServiceTokenAction, revokeTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function ApiTokensPage() {
  const actor = await requirePageActor('manage:api-tokens');
  const tokens = await listApiTokens(contextFor(actor));
  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle="Service tokens let CI pipelines register and report through the REST API; they never make a decision that needs a person. Everyone's personal tokens are listed too. Only a hash is stored: a token is shown once, when it is created."
      >
        <Link href="/account/tokens" className={buttonClass.secondary}>My tokens</Link>
        <Link href="/api-docs" className={buttonClass.secondary}>API documentation</Link>
      </PageHeader>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Tokens" className="lg:col-span-2">
          <TokensTable tokens={tokens} revoke={revokeTokenAction} showOwner />
        </Card>
        <Card title="New service token">
          <CreateTokenForm kind="service" action={createServiceTokenAction} />
        </Card>
      </div>
    </>
  );
}
