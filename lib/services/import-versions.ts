import { appendAuditEvents, type AuditInput } from '../audit/chain';
import type { ServiceContext } from '../context';
import { findRegisteredForImport, insertImportedVersions, knownContentHashes, type RegisteredForImport } from '../data/version-import';
import { compareArtifacts } from '../domain/artifact-diff';
import { AppError, validationFailed, type FieldErrors } from '../errors';
import { requireDecision } from '../permissions/decision';
import { canRegisterVersion } from '../permissions/model-version';
import { parseInput } from '../validation/common';
import { ImportBatchSchema, KnownHashesQuerySchema } from '../validation/import';
import { loadMetricDefinitions, metricProblems } from './add-metrics';
import {
  alreadyRegistered,
  artifactRows,
  prepareRegistration,
  registeredTransitionRow,
  registrationEvents,
  unknownComponent,
  versionRow,
  type PreparedVersion,
} from './register-model-version';
import { inTransaction } from './transaction';

// Bulk import (issue 11): a batch of register bodies in ONE transaction with all their audit
// events, by the rules of registerModelVersion (the same functions: prepareRegistration,
// metricProblems, versionRow, registrationEvents). A bad version does not fail the batch: it is
// reported with its field errors and the valid ones are registered (docs/decisions/013).

export type ImportItemStatus = 'imported' | 'unchanged' | 'conflict' | 'rejected';

export type ImportItemResult = {
  index: number;
  status: ImportItemStatus;
  modelId: string | null;
  id?: string;
  contentHash?: string;
  detail?: string;
  errors?: FieldErrors;
  /** A conflict with a registered version: which artifacts differ. */
  differences?: { path: string; reason: string }[];
};

export type ImportBatchResult = {
  summary: { imported: number; unchanged: number; conflicts: number; rejected: number };
  results: ImportItemResult[];
};

const modelIdOf = (raw: unknown): string | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { modelId?: unknown; metadata?: { model_id?: unknown } };
  return typeof r.modelId === 'string' ? r.modelId : typeof r.metadata?.model_id === 'string' ? r.metadata.model_id : null;
};

function refused(index: number, modelId: string | null, e: AppError): ImportItemResult {
  return { index, status: e.code === 'conflict' ? 'conflict' : 'rejected', modelId, detail: e.message, ...(e.fieldErrors ? { errors: e.fieldErrors } : {}) };
}

/** Registered already: same content or same artifacts → unchanged; otherwise a conflict naming what differs. */
function againstRegistered(index: number, p: PreparedVersion, ex: RegisteredForImport): ImportItemResult {
  const base = { index, modelId: p.modelId, id: ex.id, contentHash: p.contentHash };
  if (ex.modelId !== p.modelId) return { ...refused(index, p.modelId, alreadyRegistered(p, ex.modelId)), errors: { modelId: [`version ${p.input.version} of ${p.input.component} is registered as ${ex.modelId}`] } };
  if (ex.contentHash === p.contentHash) return { ...base, status: 'unchanged' };
  const differences = compareArtifacts(p.input.artifacts ?? [], ex.artifacts);
  if (!differences.length) return { ...base, status: 'unchanged' };
  return { ...base, status: 'conflict', detail: `${p.modelId} is already registered with other artifacts`, differences };
}

/** Register a batch of versions (POST /api/v1/imports). */
export async function importVersions(ctx: ServiceContext, rawInput: unknown): Promise<ImportBatchResult> {
  const { actor } = ctx;
  requireDecision(actor, canRegisterVersion(actor));
  const { versions } = parseInput(ImportBatchSchema, rawInput, 'import batch');
  const results: ImportItemResult[] = [];
  const prepared: { index: number; p: PreparedVersion }[] = [];
  versions.forEach((raw, index) => {
    try {
      prepared.push({ index, p: prepareRegistration(raw) });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push(refused(index, modelIdOf(raw), e));
    }
  });

  if (prepared.length) {
    const now = ctx.now();
    await inTransaction(
      ctx,
      async (tx) => {
        const components = await tx.component.findMany({ select: { id: true, key: true }, orderBy: { key: 'asc' } });
        const componentId = new Map(components.map((c) => [c.key, c.id]));
        const defs = await loadMetricDefinitions(tx);
        const keys = prepared.flatMap(({ p }) => {
          const id = componentId.get(p.input.component);
          return id ? [{ modelId: p.modelId, componentId: id, ...p.semver }] : [];
        });
        const registered = await findRegisteredForImport(tx, keys);
        const byModelId = new Map(registered.map((r) => [r.modelId, r]));
        const bySemver = new Map(registered.map((r) => [`${r.componentId}|${r.major}.${r.minor}.${r.patch}`, r]));

        const fresh: { index: number; p: PreparedVersion; componentId: string }[] = [];
        const inBatch = new Map<string, number>();
        for (const { index, p } of prepared) {
          const cid = componentId.get(p.input.component);
          if (!cid) {
            results.push(refused(index, p.modelId, unknownComponent(p.input.component, components.map((c) => c.key))));
            continue;
          }
          const errors = metricProblems(defs, p.input.metrics ?? []);
          if (Object.keys(errors).length) {
            const [field, reasons] = Object.entries(errors)[0];
            results.push(refused(index, p.modelId, validationFailed(`Invalid metrics: ${field} ${reasons[0]}`, errors)));
            continue;
          }
          const semverKey = `${cid}|${p.semver.major}.${p.semver.minor}.${p.semver.patch}`;
          const ex = byModelId.get(p.modelId) ?? bySemver.get(semverKey);
          if (ex) {
            results.push(againstRegistered(index, p, ex));
            continue;
          }
          const first = inBatch.get(semverKey) ?? inBatch.get(p.modelId);
          if (first !== undefined) {
            results.push({ index, status: 'conflict', modelId: p.modelId, detail: `version ${p.input.version} of ${p.input.component} is also item ${first} of this batch` });
            continue;
          }
          inBatch.set(semverKey, index).set(p.modelId, index);
          fresh.push({ index, p, componentId: cid });
        }
        if (!fresh.length) return;

        const defId = new Map(defs.map((d) => [d.key, d.id]));
        const idOf = await insertImportedVersions(
          tx,
          fresh.map((f) => ({
            version: versionRow(f.p, f.componentId, actor, now),
            artifacts: artifactRows(f.p, '').map(({ path, sha256, sizeBytes }) => ({ path, sha256, sizeBytes })),
            transition: registeredTransitionRow('', actor, now),
            metrics: (f.p.input.metrics ?? []).map((m) => ({ definitionId: defId.get(m.metric)!, scenario: m.scenario ?? '', language: m.language ?? '', value: m.value, recordedAt: now })),
          })),
        );
        const events: AuditInput[] = fresh.flatMap((f) => registrationEvents(f.p, idOf.get(f.p.modelId)!, f.p.input.metrics?.length ?? 0, actor, now));
        await appendAuditEvents(tx, events);
        for (const f of fresh) results.push({ index: f.index, status: 'imported', modelId: f.p.modelId, id: idOf.get(f.p.modelId)!, contentHash: f.p.contentHash });
      },
      { timeoutMs: 120_000, onUniqueViolation: 'A version of this batch was registered by another request at the same time; send the batch again' },
    );
  }

  results.sort((a, b) => a.index - b.index);
  const count = (s: ImportItemStatus) => results.filter((r) => r.status === s).length;
  return { summary: { imported: count('imported'), unchanged: count('unchanged'), conflicts: count('conflict'), rejected: count('rejected') }, results };
}

/** Which of these content hashes the registry already holds (POST /api/v1/imports/known). */
export async function knownVersionHashes(ctx: ServiceContext, rawInput: unknown): Promise<{ known: string[] }> {
  requireDecision(ctx.actor, canRegisterVersion(ctx.actor));
  const { hashes } = parseInput(KnownHashesQuerySchema, rawInput, 'content hashes');
  return { known: await knownContentHashes(ctx.db, [...new Set(hashes)]) };
}
