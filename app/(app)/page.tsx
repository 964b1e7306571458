import type { Metadata } from 'next';
import { AdminPanel } from '@/components/dashboard/admin-panel';
import { ChainStatusCard, LastReportCard } from '@/components/dashboard/auditor-panel';
import { MyVersionsCard } from '@/components/dashboard/my-versions';
import { OverdueCard } from '@/components/dashboard/overdue-card';
import { FvdTrendCard, ProductionNowCard, RecentActivityCard, StatusCountsCard } from '@/components/dashboard/overview';
import { OpenRequestsCard, PendingVotesCard } from '@/components/dashboard/pending-votes';
import { ProductionTimeline } from '@/components/dashboard/production-timeline';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePageActor } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { contextFor, type ServiceContext } from '@/lib/context';
import { getDashboardOverview } from '@/lib/queries/dashboard-overview';
import { getProductionTimeline } from '@/lib/queries/production-at';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

const SUBTITLE: Record<string, string> = {
  committee: 'What waits for your vote, with its deadline, and the state of production.',
  engineer: 'Your versions and the gate each must pass next, and the state of production.',
  auditor: 'The audit chain, the last quarterly report and what is overdue.',
  admin: 'Users, API tokens about to expire and recent changes to the settings.',
  viewer: 'What is in production, since when, and how it got there.',
};

/** The role's own panel: what this person has to do or check first. */
function RolePanel({ ctx, role }: { ctx: ServiceContext; role: string }) {
  switch (role) {
    case 'committee':
      return (
        <>
          <PendingVotesCard ctx={ctx} className="lg:col-span-2" />
          <OpenRequestsCard ctx={ctx} />
        </>
      );
    case 'engineer':
      return (
        <>
          <MyVersionsCard ctx={ctx} className="lg:col-span-2" />
          <div className="grid content-start gap-4">
            {/* Senior engineers review emergency promotions: those wait for their vote too. */}
            {can(ctx.actor, 'review:emergency') && <PendingVotesCard ctx={ctx} />}
            <OverdueCard ctx={ctx} />
          </div>
        </>
      );
    case 'auditor':
      return (
        <>
          <ChainStatusCard ctx={ctx} />
          <LastReportCard ctx={ctx} />
          <OverdueCard ctx={ctx} />
        </>
      );
    case 'admin':
      return <AdminPanel ctx={ctx} />;
    default:
      return null;
  }
}

export default async function DashboardPage() {
  const actor = await requirePageActor('read:registry');
  const ctx = contextFor(actor);
  const [data, timeline] = await Promise.all([getDashboardOverview(ctx), getProductionTimeline(ctx)]);
  const names = Object.fromEntries(data.production.map((p) => [p.component, p.name]));
  return (
    <>
      <PageHeader title="Dashboard" subtitle={SUBTITLE[actor.role] ?? SUBTITLE.viewer} />
      <div className="grid gap-4 lg:grid-cols-3" data-testid={`dashboard-${actor.role}`}>
        <RolePanel ctx={ctx} role={actor.role} />
        <ProductionNowCard data={data} className="lg:col-span-2" />
        <StatusCountsCard data={data} />
        <Card title="Production timeline" className="lg:col-span-3">
          <ProductionTimeline timeline={timeline} names={names} now={ctx.now()} />
        </Card>
        <FvdTrendCard data={data} className="lg:col-span-2" />
        <RecentActivityCard data={data} />
      </div>
    </>
  );
}
