import Link from '@/components/ui/link';
import { Card, EmptyState } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { DisabledWebhooksNotice } from '@/components/webhooks/disabled-endpoints-notice';
import { adminOverview, TOKEN_EXPIRY_WINDOW_DAYS } from '@/lib/queries/dashboard-admin';
import { Time } from '@/components/ui/time';

/** Users per role, tokens about to expire and the settings changed recently. */
export async function AdminPanel({ ctx }: { ctx: ServiceContext }) {
  const a = await adminOverview(ctx);
  return (
    <>
      <DisabledWebhooksNotice ctx={ctx} />
      <Card title="Users">
        <dl className="grid grid-cols-2 gap-2 text-sm" data-testid="admin-users">
          {Object.entries(a.users.activeByRole).map(([role, n]) => (
            <div key={role} className="flex justify-between rounded border border-slate-100 px-2 py-1">
              <dt className="text-slate-700">{role}</dt>
              <dd className="font-semibold tabular-nums">{n}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-600">
          {a.users.active} active · {a.users.inactive} deactivated · {a.users.neverSignedIn} never signed in. <Link href="/admin">Manage users</Link>
        </p>
      </Card>
      <Card title={`Tokens expiring within ${TOKEN_EXPIRY_WINDOW_DAYS} days`}>
        {a.expiringTokens.length === 0 ? (
          <EmptyState>No API token expires in the next {TOKEN_EXPIRY_WINDOW_DAYS} days.</EmptyState>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="expiring-tokens">
            {a.expiringTokens.map((t) => (
              <li key={t.id}>
                <span className="font-medium">{t.name}</span> <code className="font-mono text-xs">{t.prefix}…</code>
                <span className={`block text-xs ${t.daysLeft <= 3 ? 'text-red-800' : 'text-slate-700'}`}>
                  expires <Time value={t.expiresAt} style="date" /> ({t.daysLeft === 0 ? 'today' : `in ${t.daysLeft} day${t.daysLeft === 1 ? '' : 's'}`}) · {t.kind} · {t.role} · issued by {t.issuedBy}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Settings changed recently">
        {a.settingChanges.length === 0 ? (
          <EmptyState>No setting has been changed.</EmptyState>
        ) : (
          <ul className="space-y-2 text-sm" data-testid="setting-changes">
            {a.settingChanges.map((c, i) => (
              <li key={`${c.seq}-${i}`}>
                <span className="font-medium">{c.what}</span>: <span className="text-slate-600 line-through decoration-slate-400">{c.before}</span> → <span className="font-medium">{c.after}</span>
                <span className="block text-xs text-slate-600">{c.by} · <Time value={c.at} /> · event #{c.seq}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
