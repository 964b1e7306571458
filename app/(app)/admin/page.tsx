import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { Time } from '@/components/ui/time';
import { ActionForm } from '@/components/ui/action-form';
import { ConfirmSubmit } from '@/components/ui/confirm-dialog';
import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { ROLES } from '@/lib/auth/permissions';
import { contextFor } from '@/lib/context';
import { requirePageActor } from '@/lib/auth/session';
import { listUsersPage, readSettings } from '@/lib/queries/admin';
import { pageSearchParams } from '@/lib/http/page-params';
import { MetricRangesCard } from '@/components/admin/metric-ranges-card';
import { DisabledWebhooksNotice } from '@/components/webhooks/disabled-endpoints-notice';
import { listMetricDefinitions } from '@/lib/queries/api-reference';
import { createUserAction, setPasswordAction, updateMetricRangeAction, updateSettingsAction, updateUserAction } from './actions';

export const metadata: Metadata = { title: 'Admin' };
export const dynamic = 'force-dynamic';

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor('manage:users');
  const sp = await pageSearchParams(searchParams);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const [userPage, settings, definitions] = await Promise.all([
    listUsersPage(contextFor(actor), { q: one(sp.q), page: Number(one(sp.page) ?? 1) }),
    readSettings(contextFor(actor)),
    listMetricDefinitions(contextFor(actor)),
  ]);
  return (
    <>
      <PageHeader title="Admin" subtitle="Users and roles, governance settings and API tokens for CI.">
        <Link href="/admin/tokens" className={buttonClass.secondary}>API tokens</Link>
        <Link href="/admin/webhooks" className={buttonClass.secondary}>Webhooks</Link>
      </PageHeader>
      <div className="mb-4 empty:hidden"><DisabledWebhooksNotice ctx={contextFor(actor)} /></div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="Users" className="lg:col-span-2">
          <form method="get" action="/admin" role="search" className="mb-3 flex flex-wrap items-end gap-2" data-testid="users-search">
            <div>
              <label htmlFor="users-q" className={labelClass}>Find a user</label>
              <input id="users-q" name="q" type="search" defaultValue={userPage.q ?? ''} placeholder="email or name" className={`mt-1 ${inputClass}`} />
            </div>
            <button type="submit" className={buttonClass.secondary}>Search</button>
            {userPage.q && <Link href="/admin" className="text-sm">Show all</Link>}
          </form>
          {userPage.items.length === 0 && <p className="text-sm text-slate-700">No user matches “{userPage.q}”.</p>}
          <Table bleed={false} testId="users-table">
              <THead>
                  <Th>User</Th>
                  <Th>Role, senior, active</Th>
                  <Th>Password</Th>
                </THead>
              <TBody>
                {userPage.items.map((u) => (
                  <tr key={u.id} className={u.active ? '' : 'text-slate-500'}>
                    <Td>
                      <span className="font-medium">{u.name}</span>
                      <span className="block text-xs">{u.email}</span>
                      <span className="block text-xs text-slate-600">{u.lastLoginAt ? <>last sign-in <Time value={u.lastLoginAt} style="date" /></> : 'never signed in'}</span>
                    </Td>
                    <Td>
                      <ActionForm action={updateUserAction} className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.email}</label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role} className="rounded border border-slate-300 px-2 py-1">
                          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                        </select>
                        <label className="flex items-center gap-1"><input type="checkbox" name="senior" defaultChecked={u.senior} /> senior</label>
                        <label className="flex items-center gap-1"><input type="checkbox" name="active" defaultChecked={u.active} /> active</label>
                        {u.active ? (
                          <ConfirmSubmit
                            onlyIfUnchecked="active"
                            tone="danger"
                            className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                            title={`Deactivate ${u.name}?`}
                            description={<p>{u.email} is signed out at once and cannot sign in; their personal API tokens stop working. Their votes and audit history stay. You can reactivate the account later.</p>}
                            confirmLabel="Deactivate user"
                          >
                            Save
                          </ConfirmSubmit>
                        ) : (
                          <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">Save</button>
                        )}
                      </ActionForm>
                    </Td>
                    <Td>
                      <ActionForm action={setPasswordAction} className="flex items-center gap-2">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="sr-only" htmlFor={`pw-${u.id}`}>New password for {u.email}</label>
                        <input id={`pw-${u.id}`} name="password" type="password" autoComplete="new-password" placeholder="new password" className="w-32 rounded border border-slate-300 px-2 py-1" />
                        <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">Set</button>
                      </ActionForm>
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          <UsersPager {...userPage} />
        </Card>
        <div className="space-y-4">
          <Card title="Add a user">
            <ActionForm action={createUserAction} className="space-y-3" testId="create-user-form">
              <div>
                <label htmlFor="new-email" className={labelClass}>Email</label>
                <input id="new-email" name="email" type="email" required className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="new-name" className={labelClass}>Name</label>
                <input id="new-name" name="name" required className={`mt-1 ${inputClass}`} />
              </div>
              <div>
                <label htmlFor="new-role" className={labelClass}>Role</label>
                <select id="new-role" name="role" defaultValue="engineer" className={`mt-1 ${inputClass}`}>
                  {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </div>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="senior" /> Senior engineer (may give emergency reviews)</label>
              <div>
                <label htmlFor="new-password" className={labelClass}>Initial password</label>
                <input id="new-password" name="password" type="password" autoComplete="new-password" minLength={8} className={`mt-1 ${inputClass}`} />
              </div>
              <button type="submit" className={buttonClass.primary}>Add user</button>
            </ActionForm>
          </Card>
          <Card title="Governance settings">
            <ActionForm action={updateSettingsAction} className="grid grid-cols-2 gap-3 text-sm" testId="settings-form">
              <div className="col-span-2">
                <label htmlFor="quorumMode" className={labelClass}>Committee quorum</label>
                <div className="mt-1 flex gap-2">
                  <select id="quorumMode" name="quorumMode" defaultValue={settings.quorum.mode} className={inputClass}>
                    <option value="majority">Majority of active members</option>
                    <option value="fixed">Fixed number</option>
                  </select>
                  <label className="sr-only" htmlFor="quorumN">Fixed quorum</label>
                  <input id="quorumN" name="quorumN" type="number" min={1} defaultValue={settings.quorum.mode === 'fixed' ? settings.quorum.n : 2} className={`w-20 ${inputClass}`} />
                </div>
              </div>
              <NumberField name="regressionTolerancePct" label="Regression tolerance (%)" value={settings.regressionTolerancePct} step="0.1" />
              <NumberField name="gracePeriodDays" label="Grace period (days)" value={settings.gracePeriodDays} />
              <NumberField name="rcaDueHours" label="RCA due (hours)" value={settings.rcaDueHours} />
              <NumberField name="ratificationDueDays" label="Ratification due (days)" value={settings.ratificationDueDays} />
              <NumberField name="monitoringDays" label="Heightened monitoring (days)" value={settings.monitoringDays} />
              <NumberField name="raiMaxLanguageDisparity" label="Max language disparity" value={settings.raiMaxLanguageDisparity} step="0.01" />
              <button type="submit" className={`${buttonClass.primary} col-span-2`}>Save settings</button>
            </ActionForm>
          </Card>
          <MetricRangesCard definitions={definitions} action={updateMetricRangeAction} />
        </div>
      </div>
    </>
  );
}

function NumberField({ name, label, value, step = '1' }: { name: string; label: string; value: number; step?: string }) {
  return (
    <div>
      <label htmlFor={name} className={labelClass}>{label}</label>
      <input id={name} name={name} type="number" step={step} defaultValue={value} className={`mt-1 ${inputClass}`} />
    </div>
  );
}

function UsersPager({ total, page, pages, pageSize, q }: { total: number; page: number; pages: number; pageSize: number; q?: string }) {
  if (total === 0) return null;
  const href = (p: number) => `/admin?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Users pages" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-700">{from}–{to} of {total} users · page {page} of {pages}</p>
      <ul className="flex gap-2">
        <li>{page > 1 ? <Link className={buttonClass.secondary} rel="prev" href={href(page - 1)}>Previous</Link> : <span className="px-3 py-1.5 text-slate-500" aria-disabled="true">Previous</span>}</li>
        <li>{page < pages ? <Link className={buttonClass.secondary} rel="next" href={href(page + 1)}>Next</Link> : <span className="px-3 py-1.5 text-slate-500" aria-disabled="true">Next</span>}</li>
      </ul>
    </nav>
  );
}
