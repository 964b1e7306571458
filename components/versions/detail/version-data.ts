import { cache } from 'react';
import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import { withSlices } from '@/lib/queries/version-detail';
import { loadVersionLifecycle } from '@/lib/queries/version-lifecycle';
import { loadVersionArtifacts, loadVersionGovernance, loadVersionMetrics, loadVersionTests } from '@/lib/queries/version-slices';

// The version read model's slices, memoised for one request (React's cache): each section of the
// version page asks for the slice it shows, and a slice two sections share (the model card needs
// them all) is read once. The page hands the same ctx and core objects down, so they key the cache.

export const versionMetrics = cache((ctx: ServiceContext, core: VersionCore) => loadVersionMetrics(ctx, core));
export const versionTests = cache((ctx: ServiceContext, core: VersionCore) => loadVersionTests(ctx, core.id));
export const versionArtifacts = cache((ctx: ServiceContext, core: VersionCore) => loadVersionArtifacts(ctx, core.id));
export const versionGovernance = cache((ctx: ServiceContext, core: VersionCore) => loadVersionGovernance(ctx, core.id));
export const versionLifecycle = cache((ctx: ServiceContext, core: VersionCore) => loadVersionLifecycle(ctx, core.id));

/** The whole read model from the memoised slices (what the model card renders). */
export const versionDetail = cache((ctx: ServiceContext, core: VersionCore) =>
  withSlices(ctx, core, {
    metrics: versionMetrics(ctx, core),
    tests: versionTests(ctx, core),
    artifacts: versionArtifacts(ctx, core),
    governance: versionGovernance(ctx, core),
  }),
);
