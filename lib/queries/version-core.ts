import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { ParsedCommit } from '../domain/commit-message';
import type { Prisma } from '../generated/prisma/client';
import { branchKind, isHotfix, type BranchKind } from '../domain/branch';
import { parseVersionCommit } from '../domain/impact';
import { underHeightenedMonitoring } from '../domain/promotion';
import { canRecordBackport } from '../permissions/model-version';
import { canRecordRaiAssessment } from '../permissions/rai';
import { previousVersion } from './model-versions';
import { isVersionRef, versionRefWhere } from '../data/version-ref';
import { notFound } from '../errors';

// A model version's own fields: the first slice of the version read model (lib/queries/
// version-detail.ts). The page's header loads it once; every other slice takes its id.

const CORE_SELECT = {
  id: true,
  modelId: true,
  componentId: true,
  component: { select: { key: true, name: true, folder: true } },
  architecture: true,
  version: true,
  major: true,
  minor: true,
  patch: true,
  releaseDate: true,
  description: true,
  metadata: true,
  configYaml: true,
  gitCommit: true,
  gitBranch: true,
  commitMessage: true,
  tags: true,
  status: true,
  statusChangedAt: true,
  monitoringUntil: true,
  backportCommit: true,
  backportedAt: true,
  createdAt: true,
  registeredBy: { select: { name: true, email: true } },
} as const satisfies Prisma.ModelVersionSelect;

export type PreviousVersion = NonNullable<Awaited<ReturnType<typeof previousVersion>>>;

export type CoreRow = Prisma.ModelVersionGetPayload<{ select: typeof CORE_SELECT }>;

/** What the actor may do on this version, decided here so pages only read flags. */
export type VersionAbilities = {
  /** Record the develop commit that backported an emergency hotfix (shown while the backport is open). */
  recordBackport: boolean;
  /** Record a responsible-AI assessment (offered while the version is in testing or staging). */
  recordRai: boolean;
};

export type VersionCore = Omit<CoreRow, 'metadata'> & {
  metadata: Record<string, unknown>;
  branchKind: BranchKind | null;
  /** An emergency hotfix (lib/domain/branch.ts isHotfix): its backport to develop is tracked. */
  hotfix: boolean;
  commit: ParsedCommit | null;
  /** The version of the same component just below this one by semantic version. */
  previous: PreviousVersion | null;
  /** Heightened monitoring of an emergency release still running at the context's time. */
  underMonitoring: boolean;
  abilities: VersionAbilities;
};

/** The version a reference names (id or model id), or a not_found AppError. */
export async function loadVersionCore(ctx: ServiceContext, ref: string): Promise<VersionCore> {
  requirePermission(ctx.actor, 'read:registry');
  if (!isVersionRef(ref)) throw notFound(`Model version ${String(ref).slice(0, 200)}`);
  const v = await ctx.db.modelVersion.findUnique({ where: versionRefWhere(ref), select: CORE_SELECT });
  if (!v) throw notFound(`Model version ${ref.trim()}`);
  return versionCoreOf(ctx, v, await previousVersion(ctx.db, v));
}

/** The core from its row and the previous version, however they were read (Prisma here, one SQL statement for the API's detail). */
export function versionCoreOf(ctx: ServiceContext, v: CoreRow, previous: PreviousVersion | null): VersionCore {
  const kind = branchKind(v.gitBranch);
  const metadata = (v.metadata && typeof v.metadata === 'object' && !Array.isArray(v.metadata) ? v.metadata : {}) as Record<string, unknown>;
  return {
    ...v,
    metadata,
    branchKind: kind,
    hotfix: isHotfix(v),
    commit: parseVersionCommit(v.commitMessage),
    previous,
    underMonitoring: underHeightenedMonitoring(v, ctx.now()),
    abilities: {
      recordBackport: isHotfix(v) && !v.backportCommit && canRecordBackport(ctx.actor).ok,
      recordRai: (v.status === 'staging' || v.status === 'testing') && canRecordRaiAssessment(ctx.actor).ok,
    },
  };
}
