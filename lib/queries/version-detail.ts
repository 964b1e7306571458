import type { ServiceContext } from '../context';
import { loadVersionCore, type VersionCore } from './version-core';
import {
  loadVersionArtifacts,
  loadVersionGovernance,
  loadVersionMetrics,
  loadVersionTests,
  type VersionArtifact,
  type VersionGovernance,
  type VersionMetrics,
  type VersionTests,
} from './version-slices';

// The version read model: one domain object per version, read once per slice. The REST API
// serialises it (lib/contracts/version-detail.ts), the model card renders it
// (lib/queries/model-card.ts), and the version page passes its slices down to its sections.

export type VersionDetail = VersionCore & {
  metrics: VersionMetrics;
  tests: VersionTests;
  artifacts: VersionArtifact[];
  governance: VersionGovernance;
};

/** Everything about a version, or a not_found AppError. */
export async function getVersionDetail(ctx: ServiceContext, ref: string): Promise<VersionDetail> {
  const core = await loadVersionCore(ctx, ref);
  return withSlices(ctx, core);
}

type Slices = Omit<VersionDetail, keyof VersionCore>;

/** The remaining slices for a core already loaded; a caller that already has a slice (or its promise) passes it in. */
export async function withSlices(ctx: ServiceContext, core: VersionCore, given: { [K in keyof Slices]?: Promise<Slices[K]> } = {}): Promise<VersionDetail> {
  const [metrics, tests, artifacts, governance] = await Promise.all([
    given.metrics ?? loadVersionMetrics(ctx, core),
    given.tests ?? loadVersionTests(ctx, core.id),
    given.artifacts ?? loadVersionArtifacts(ctx, core.id),
    given.governance ?? loadVersionGovernance(ctx, core.id),
  ]);
  return { ...core, metrics, tests, artifacts, governance };
}
