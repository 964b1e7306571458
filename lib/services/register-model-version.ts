import YAML from 'yaml';
import { appendAuditEvents, type AuditInput } from '../audit/chain';
import { IMPORTED_MARK } from '../audit/events';
import type { Actor } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { Tx } from '../db';
import { versionContentHash } from '../domain/content-hash';
import { buildModelId, parseIsoDate, parseSemver } from '../domain/naming';
import { AppError, validationFailed } from '../errors';
import { actorUserId } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canRegisterVersion } from '../permissions/model-version';
import { parseInput } from '../validation/common';
import { RegisterVersionSchema, type RegisterVersionInput } from '../validation/model-version';
import { writeMetrics } from './add-metrics';
import { inTransaction } from './transaction';

export type RegisteredVersion = { id: string; modelId: string; status: string };

/** A register body that passed every rule that needs no database (shared by the single and batch paths). */
export type PreparedVersion = {
  input: RegisterVersionInput;
  modelId: string;
  semver: { major: number; minor: number; patch: number };
  releaseDate: Date;
  contentHash: string;
  /** Imported history (source 'import'): the dates metadata.approval states. */
  approvedOn: Date | null;
  productionOn: Date | null;
};

/** Parse and check a register body: schema, naming convention, consistency, stated dates. */
export function prepareRegistration(rawInput: unknown): PreparedVersion {
  const input = parseInput(RegisterVersionSchema, rawInput, 'model version');
  const releaseDate = parseIsoDate(input.releaseDate)!;
  const semver = parseSemver(input.version);
  if (!semver) throw validationFailed('Invalid model version: version is out of range', { version: ['each part must fit in 32 bits'] });
  const modelId = buildModelId({ component: input.component, architecture: input.architecture, version: input.version, releaseDate });
  checkConsistency(input, modelId);
  const approval = input.source === 'import' ? input.metadata?.approval : undefined;
  return {
    input,
    modelId,
    semver,
    releaseDate,
    contentHash: versionContentHash(input),
    approvedOn: statedDate(approval?.approval_date, 'metadata.approval.approval_date'),
    productionOn: statedDate(approval?.production_date, 'metadata.approval.production_date'),
  };
}

export function unknownComponent(key: string, known: string[]): AppError {
  return validationFailed(`Unknown component "${key}"`, { component: [`unknown component; known: ${known.join(', ')}`] });
}

export function alreadyRegistered(p: PreparedVersion, existingModelId: string): AppError {
  return new AppError('conflict', `Version ${p.input.version} of ${p.input.component} is already registered as ${existingModelId}`, {
    details: { modelId: existingModelId },
  });
}

/** The model_versions row of a prepared version. */
export function versionRow(p: PreparedVersion, componentId: string, actor: Actor, now: Date) {
  const { input } = p;
  return {
    modelId: p.modelId,
    componentId,
    architecture: input.architecture,
    version: input.version,
    ...p.semver,
    releaseDate: p.releaseDate,
    description: input.description ?? input.metadata?.description ?? '',
    metadata: (input.metadata ?? {}) as object,
    configYaml: input.configYaml ?? '',
    gitCommit: input.git?.commit ?? null,
    gitBranch: input.git?.branch ?? null,
    commitMessage: input.git?.message ?? null,
    tags: [...new Set(input.tags ?? [])],
    status: 'development' as const,
    contentHash: p.contentHash,
    registeredById: actorUserId(actor),
    statusChangedAt: now,
    createdAt: now,
  };
}

export function artifactRows(p: PreparedVersion, versionId: string) {
  return (p.input.artifacts ?? []).map((a) => ({ versionId, path: a.path, sha256: a.sha256, sizeBytes: BigInt(a.sizeBytes) }));
}

export function registeredTransitionRow(versionId: string, actor: Actor, now: Date) {
  return { versionId, fromStatus: null, toStatus: 'development' as const, reason: 'registered', actorId: actor.type === 'user' ? actor.id : null, actorLabel: actor.label, at: now };
}

/**
 * The audit events of a registration: version.register, and for an import the history its
 * metadata states (approval and start of production, on their own dates, marked "imported, not
 * approved here": point-in-time answers and quarterly reports cover the pre-registry era).
 */
export function registrationEvents(p: PreparedVersion, versionId: string, metricCount: number, actor: Actor, now: Date): AuditInput[] {
  const { input, modelId } = p;
  const events: AuditInput[] = [
    {
      occurredAt: now,
      actor,
      action: 'version.register',
      entityType: 'model_version',
      entityId: versionId,
      change: {
        modelId,
        component: input.component,
        architecture: input.architecture,
        version: input.version,
        releaseDate: input.releaseDate,
        gitCommit: input.git?.commit ?? null,
        gitBranch: input.git?.branch ?? null,
        tags: [...new Set(input.tags ?? [])],
        artifacts: (input.artifacts ?? []).map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: a.sizeBytes })),
        metrics: metricCount,
      },
    },
  ];
  const approval = input.metadata?.approval;
  const base = { actor, entityType: 'model_version', entityId: versionId, action: 'history.imported' } as const;
  const common = { mark: IMPORTED_MARK, modelId, component: input.component, approvedBy: approval?.approved_by ?? null, source: 'metadata.json' };
  if (p.approvedOn) events.push({ ...base, occurredAt: p.approvedOn, change: { ...common, what: 'approval', date: approval!.approval_date! } });
  if (p.productionOn) events.push({ ...base, occurredAt: p.productionOn, change: { ...common, what: 'production', date: approval!.production_date! } });
  return events;
}

/**
 * Register a model version. The model id is derived by the naming convention and must agree
 * with any id given (in the body or in metadata.model_id). One transaction: the version, its
 * artifacts, its metrics and the audit events commit together or not at all.
 * (A batch of versions: importVersions in ./import-versions.ts, with the same rules.)
 */
export async function registerModelVersion(ctx: ServiceContext, rawInput: unknown): Promise<RegisteredVersion> {
  const { actor } = ctx;
  requireDecision(actor, canRegisterVersion(actor));
  const p = prepareRegistration(rawInput);
  const { input } = p;
  const now = ctx.now();
  return inTransaction(
    ctx,
    async (tx) => {
      const component = await tx.component.findUnique({ where: { key: input.component }, select: { id: true } });
      if (!component) {
        const known = await tx.component.findMany({ select: { key: true }, orderBy: { key: 'asc' } });
        throw unknownComponent(input.component, known.map((c) => c.key));
      }
      const existing = await tx.modelVersion.findFirst({
        where: { OR: [{ modelId: p.modelId }, { componentId: component.id, ...p.semver }] },
        select: { modelId: true },
      });
      if (existing) throw alreadyRegistered(p, existing.modelId);
      const version = await tx.modelVersion.create({ data: versionRow(p, component.id, actor, now), select: { id: true, modelId: true, status: true } });
      if (input.artifacts?.length) await tx.artifact.createMany({ data: artifactRows(p, version.id) });
      await tx.statusTransition.create({ data: registeredTransitionRow(version.id, actor, now) });
      let metricCount = 0;
      if (input.metrics?.length) metricCount = (await writeMetrics(tx, version.id, input.metrics, now)).written;
      await appendAuditEvents(tx, registrationEvents(p, version.id, metricCount, actor, now));
      return version;
    },
    { onUniqueViolation: `Version ${input.version} of ${input.component} is already registered` },
  );
}

function checkConsistency(input: RegisterVersionInput, modelId: string): void {
  const errors: Record<string, string[]> = {};
  if (input.modelId !== undefined && input.modelId !== modelId) {
    errors.modelId = [`disagrees with the naming convention: expected ${modelId}`];
  }
  if (input.metadata?.model_id !== undefined && input.metadata.model_id !== modelId) {
    errors['metadata.model_id'] = [`disagrees with the naming convention: expected ${modelId}`];
  }
  const archType = input.metadata?.architecture?.type;
  if (archType !== undefined && archType !== input.architecture) {
    errors['metadata.architecture.type'] = [`is "${archType}" but the version's architecture is "${input.architecture}"`];
  }
  if (input.configYaml) {
    try {
      YAML.parse(input.configYaml);
    } catch (e) {
      errors.configYaml = [`is not valid YAML: ${(e as Error).message.split('\n')[0]}`];
    }
  }
  const paths = new Set<string>();
  input.artifacts?.forEach((a, i) => {
    if (paths.has(a.path)) errors[`artifacts.${i}.path`] = [`duplicate artifact path ${a.path}`];
    paths.add(a.path);
  });
  if (Object.keys(errors).length) {
    const [field, reasons] = Object.entries(errors)[0];
    throw validationFailed(`Invalid model version: ${field} ${reasons[0]}`, errors);
  }
}

export type { Tx };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A date a file states, as the start of that UTC day; null when absent; 400 naming it when not a date. */
function statedDate(value: string | undefined, field: string): Date | null {
  if (value === undefined || value === '') return null;
  const t = new Date(`${value}T00:00:00.000Z`);
  if (!DAY_RE.test(value) || Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== value) {
    throw validationFailed(`Invalid imported history: ${field} "${value}" is not a date YYYY-MM-DD`, { [field]: ['must be a date YYYY-MM-DD'] });
  }
  return t;
}
