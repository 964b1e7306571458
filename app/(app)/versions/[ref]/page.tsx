import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { VersionPromotionSection } from '@/components/approvals/version-promotion-section';
import { SectionSkeleton } from '@/components/ui/skeleton';
import { ArtifactsSection, ConfigSection, TestResultsSection } from '@/components/versions/detail/files-sections';
import { GovernanceSections } from '@/components/versions/detail/governance-sections';
import { LifecycleSection } from '@/components/versions/detail/lifecycle-section';
import { LineageSection } from '@/components/versions/detail/lineage-section';
import { historyMetricOf, ImpactSection, MetricsSection } from '@/components/versions/detail/metrics-section';
import { ModelCardSection } from '@/components/versions/detail/model-card-section';
import { OverviewSection } from '@/components/versions/detail/overview-section';
import { RaiSection } from '@/components/versions/detail/rai-section';
import { VersionHeader } from '@/components/versions/detail/version-header';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { isAppError } from '@/lib/errors';
import { pageParams, pageSearchParams } from '@/lib/http/page-params';
import { loadVersionCore } from '@/lib/queries/version-core';
import { recordBackportAction, recordRaiAction, transitionAction } from './actions';
import { castVoteAction, requestPromotionAction, withdrawAction } from '../../approvals/actions';

// The version page: the version's own fields (one read) in the header, then one server component
// per section, each loading its slice of the read model. Sections sharing a slice read it once
// (components/versions/detail/version-data.ts).
// The sections a phone sees first (promotion, lifecycle, overview) are part of the first flush:
// streamed in behind placeholders of another height, they pushed what was on screen down or out of
// it (Lighthouse CLS 0.03–0.16 on 412 px, in some loads and not others). The sections below the
// fold stream inside <Suspense>: a placeholder there moves nothing on screen when it is replaced.

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ ref: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ref } = await pageParams(params);
  return { title: ref };
}

export default async function VersionPage({ params, searchParams }: Props) {
  const ctx = contextFor(await requirePageActor('read:registry'));
  const { ref } = await pageParams(params);
  const historyMetric = historyMetricOf((await pageSearchParams(searchParams)).history);
  const v = await loadVersionCore(ctx, ref).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });

  return (
    <article aria-labelledby="version-title">
      <VersionHeader v={v} />
      <div className="grid grid-cols-1 gap-4">
        <VersionPromotionSection ctx={ctx} v={v} voteAction={castVoteAction} withdrawAction={withdrawAction} requestAction={requestPromotionAction} />
        <LifecycleSection ctx={ctx} v={v} transitionAction={transitionAction} recordRaiAction={recordRaiAction} />
        <OverviewSection ctx={ctx} v={v} />
        <LineageSection v={v} recordBackport={recordBackportAction} />
        <Suspense fallback={<SectionSkeleton title="Metrics by scenario" lines={6} />}>
          <MetricsSection ctx={ctx} v={v} historyMetric={historyMetric} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Impact" />}>
          <ImpactSection ctx={ctx} v={v} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Status timeline and approvals" lines={5} />}>
          <GovernanceSections ctx={ctx} v={v} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Responsible AI" />}>
          <RaiSection ctx={ctx} v={v} />
        </Suspense>
        <ConfigSection v={v} />
        <Suspense fallback={<SectionSkeleton title="Artifacts" />}>
          <ArtifactsSection ctx={ctx} v={v} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Test results" />}>
          <TestResultsSection ctx={ctx} v={v} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="Model card" lines={6} />}>
          <ModelCardSection ctx={ctx} v={v} />
        </Suspense>
      </div>
    </article>
  );
}
