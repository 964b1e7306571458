import YAML from 'yaml';
import { appendAuditEvent } from '../audit/chain';
import { IMPORTED_MARK } from '../audit/events';
import type { Actor } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { Tx } from '../db';
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

/**
 * Register a model version. The model id is derived by the naming convention and must agree
 * with any id given (in the body or in metadata.model_id). One transaction: the version, its
 * artifacts, its metrics and the audit event commit together or not at all.
 */
export async function registerModelVersion(ctx: ServiceContext, rawInput: unknown): Promise<RegisteredVersion> {
  const { actor } = ctx;
  requireDecision(actor, canRegisterVersion(actor));
  const input = parseInput(RegisterVersionSchema, rawInput, 'model version');
  const releaseDate = parseIsoDate(input.releaseDate)!;
  const semver = parseSemver(input.version);
  if (!semver) throw validationFailed('Invalid model version: version is out of range', { version: ['each part must fit in 32 bits'] });
  const modelId = buildModelId({ component: input.component, architecture: input.architecture, version: input.version, releaseDate });
  checkConsistency(input, modelId);

  const now = ctx.now();
  return inTransaction(
    ctx,
    async (tx) => {
      const component = await tx.component.findUnique({ where: { key: input.component }, select: { id: true } });
      if (!component) {
        const known = await tx.component.findMany({ select: { key: true }, orderBy: { key: 'asc' } });
        throw validationFailed(`Unknown component "${input.component}"`, {
          component: [`unknown component; known: ${known.map((c) => c.key).join(', ')}`],
        });
      }
      const existing = await tx.modelVersion.findFirst({
        where: { OR: [{ modelId }, { componentId: component.id, ...semver }] },
        select: { modelId: true },
      });
      if (existing) {
        throw new AppError('conflict', `Version ${input.version} of ${input.component} is already registered as ${existing.modelId}`, {
          details: { modelId: existing.modelId },
        });
      }
      const tags = [...new Set(input.tags ?? [])];
      const version = await tx.modelVersion.create({
        data: {
          modelId,
          componentId: component.id,
          architecture: input.architecture,
          version: input.version,
          ...semver,
          releaseDate,
          description: input.description ?? input.metadata?.description ?? '',
          metadata: (input.metadata ?? {}) as object,
          configYaml: input.configYaml ?? '',
          gitCommit: input.git?.commit ?? null,
          gitBranch: input.git?.branch ?? null,
          commitMessage: input.git?.message ?? null,
          tags,
          status: 'development',
          registeredById: actorUserId(actor),
          statusChangedAt: now,
          createdAt: now,
        },
        select: { id: true, modelId: true, status: true },
      });
      if (input.artifacts?.length) {
        await tx.artifact.createMany({
          data: input.artifacts.map((a) => ({ versionId: version.id, path: a.path, sha256: a.sha256, sizeBytes: BigInt(a.sizeBytes) })),
        });
      }
      await tx.statusTransition.create({
        data: { versionId: version.id, fromStatus: null, toStatus: 'development', reason: 'registered', actorId: actor.type === 'user' ? actor.id : null, actorLabel: actor.label, at: now },
      });
      let metricCount = 0;
      if (input.metrics?.length) metricCount = (await writeMetrics(tx, version.id, input.metrics, now)).written;
      await appendAuditEvent(tx, { occurredAt: ctx.now(),
        actor,
        action: 'version.register',
        entityType: 'model_version',
        entityId: version.id,
        change: {
          modelId,
          component: input.component,
          architecture: input.architecture,
          version: input.version,
          releaseDate: input.releaseDate,
          gitCommit: input.git?.commit ?? null,
          gitBranch: input.git?.branch ?? null,
          tags,
          artifacts: (input.artifacts ?? []).map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: a.sizeBytes })),
          metrics: metricCount,
        },
      });
      if (input.source === 'import') await recordImportedHistory(tx, actor, { id: version.id, modelId }, input);
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

/**
 * What metadata.json says happened before the registry existed, on its own dates: the approval
 * and the start of production, marked "imported, not approved here" (point-in-time answers and
 * quarterly reports cover the pre-registry era, and say it was not decided in the registry).
 */
async function recordImportedHistory(tx: Tx, actor: Actor, version: { id: string; modelId: string }, input: RegisterVersionInput): Promise<void> {
  const { modelId } = version;
  const approval = input.metadata?.approval;
  const approvedOn = statedDate(approval?.approval_date, 'metadata.approval.approval_date');
  const productionOn = statedDate(approval?.production_date, 'metadata.approval.production_date');
  const base = { actor, entityType: 'model_version', entityId: version.id, action: 'history.imported' } as const;
  const common = { mark: IMPORTED_MARK, modelId, component: input.component, approvedBy: approval?.approved_by ?? null, source: 'metadata.json' };
  if (approvedOn) await appendAuditEvent(tx, { ...base, occurredAt: approvedOn, change: { ...common, what: 'approval', date: approval!.approval_date! } });
  if (productionOn) await appendAuditEvent(tx, { ...base, occurredAt: productionOn, change: { ...common, what: 'production', date: approval!.production_date! } });
}
