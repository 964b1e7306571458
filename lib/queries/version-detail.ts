import type { ServiceContext } from '../context';
import { requirePermission } from '../auth/permissions';
import { isVersionRef } from '../data/version-ref';
import { notFound } from '../errors';
import { readVersionApiRows } from './version-api-detail-sql';
import { loadVersionCore, versionCoreOf, type VersionCore } from './version-core';
import {
  loadVersionArtifacts,
  loadVersionGovernance,
  loadVersionMetrics,
  loadVersionTests,
  latestUnitOf,
  versionMetricsOf,
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

/** What GET /api/v1/versions/{ref} sends: the detail without promotion requests, incidents and RAI assessments. */
export type VersionApiDetail = VersionCore & Pick<VersionDetail, 'metrics' | 'tests' | 'artifacts'> & { governance: Pick<VersionGovernance, 'transitions'> };

/**
 * The slices the API's detail serialises, and no others, read in one SQL statement
 * (lib/queries/version-api-detail-sql.ts) and built by the same functions as the page's slices.
 */
export async function getVersionApiDetail(ctx: ServiceContext, ref: string): Promise<VersionApiDetail> {
  requirePermission(ctx.actor, 'read:registry');
  if (!isVersionRef(ref)) throw notFound(`Model version ${String(ref).slice(0, 200)}`);
  const rows = await readVersionApiRows(ctx.db, ref);
  if (!rows) throw notFound(`Model version ${ref.trim()}`);
  const core = versionCoreOf(ctx, rows.core, rows.previous);
  const metrics = versionMetricsOf(rows.defs, rows.metrics, core, rows.previousValues);
  const tests = { runs: rows.tests, latestUnit: latestUnitOf(rows.tests) };
  return { ...core, metrics, tests, artifacts: rows.artifacts, governance: { transitions: rows.transitions } };
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
