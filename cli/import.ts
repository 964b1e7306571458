// `mgr import DIR`: the seed's tree → the registry, idempotently.
//
// Version folders go in batches (cli/import-batch.ts: POST /api/v1/imports, one transaction per
// batch), after one request asks which content hashes the registry already has; so an import
// killed half-way re-runs cleanly, and an unchanged tree sends nothing. Against an older registry
// each folder is one POST /api/v1/versions: what was registered answers 409 and counts as
// unchanged — unless the registered artifacts differ from the local ones (a conflict).
// Each parameter record is one POST /api/v1/parameter-sets/import (201 created, 200 unchanged,
// 409 same id with different content).

import { ApiClient, describeProblem, FatalError, fieldErrorLines, isObject, type ApiResponse } from './client';
import type { Output } from './output';
import { DEFAULT_BATCH_SIZE, importVersionBatches, readVersionFolders, responseProblems, type VersionOutcome } from './import-batch';
import { compareArtifacts } from '../lib/domain/artifact-diff';

export { compareArtifacts };
import {
  formatProblem,
  readParameterFile,
  scanTree,
  type Artifact,
  type ItemProblem,
  type ParameterItem,
  type RejectedEntry,
  type ScanOptions,
  type VersionFolder,
  type VersionItem,
} from './tree';

export type ItemStatus = 'imported' | 'unchanged' | 'rejected' | 'conflict' | 'valid';

export type ItemResult = {
  kind: 'version' | 'parameter-set' | 'entry';
  path: string;
  status: ItemStatus;
  modelId?: string;
  parameterId?: string;
  index?: number;
  problems: ItemProblem[];
  warnings: ItemProblem[];
};

export type ImportSummary = { imported: number; unchanged: number; rejected: number; conflicts: number; valid: number };
export type ImportReport = { dryRun: boolean; summary: ImportSummary; items: ItemResult[]; warnings: ItemProblem[] };

export type ImportOptions = ScanOptions & { dryRun: boolean; client: ApiClient | null; output: Output; verbose?: boolean; batchSize?: number };

const enc = encodeURIComponent;

/**
 * The registry's component folders (GET /api/v1/components → { items: [{ key, folder }] }), so
 * components added by an admin import without flags. Also checks the URL and token before any
 * hashing. An older server without the endpoint (404) leaves the defaults.
 */
export async function fetchComponentFolders(client: ApiClient): Promise<Record<string, string>> {
  const res = await client.get('/api/v1/components');
  if (res.status === 404) return {};
  if (!res.ok) throw new FatalError(`GET /api/v1/components: ${describeProblem(res.status, res.problem)}`);
  const out: Record<string, string> = {};
  const items = isObject(res.body) && Array.isArray(res.body.items) ? res.body.items : [];
  for (const c of items) {
    if (isObject(c) && typeof c.key === 'string' && typeof c.folder === 'string' && c.folder) out[c.folder] = c.key;
  }
  return out;
}

export async function runImport(root: string, opts: ImportOptions): Promise<ImportReport> {
  const { output } = opts;
  const fromServer = opts.client && !opts.dryRun ? await fetchComponentFolders(opts.client) : {};
  const scan = await scanTree(root, { componentFolders: { ...fromServer, ...(opts.componentFolders ?? {}) } });
  const report: ImportReport = { dryRun: opts.dryRun, summary: { imported: 0, unchanged: 0, rejected: 0, conflicts: 0, valid: 0 }, items: [], warnings: scan.warnings };
  for (const w of scan.warnings) output.line(`${formatProblem(w)} (warning)`);

  const record = (r: ItemResult) => {
    report.items.push(r);
    if (r.status === 'imported') report.summary.imported++;
    else if (r.status === 'unchanged') report.summary.unchanged++;
    else if (r.status === 'valid') report.summary.valid++;
    else {
      report.summary.rejected++;
      if (r.status === 'conflict') report.summary.conflicts++;
    }
    for (const w of r.warnings) output.line(`${formatProblem(w)} (warning)`);
    for (const p of r.problems) output.line(r.status === 'conflict' ? `${formatProblem(p)} (conflict)` : formatProblem(p));
    const what = r.modelId ?? (r.parameterId ? `${r.parameterId}` : '');
    if (r.status === 'imported') output.line(`imported ${r.path}${r.index !== undefined ? `[${r.index}]` : ''}${what ? ` (${what})` : ''}`);
    else if (opts.verbose && (r.status === 'unchanged' || r.status === 'valid')) {
      output.line(`${r.status} ${r.path}${r.index !== undefined ? `[${r.index}]` : ''}${what ? ` (${what})` : ''}`);
    }
  };

  for (const entry of scan.rejected) record(entryResult(entry));

  if (opts.dryRun || !opts.client) {
    for (const item of await readVersionFolders(scan.versions, output)) record(versionResult(item, item.problems.length || !item.body ? 'rejected' : 'valid'));
  } else {
    await importVersions(opts.client, scan.versions, opts, record);
  }

  let n = 0;
  for (const pf of scan.parameterFiles) {
    n++;
    output.progress(`[${n}/${scan.parameterFiles.length}] ${pf.rel}`);
    const items = await readParameterFile(pf);
    for (const item of items) {
      if (item.kind === 'entry') {
        record(entryResult(item));
        continue;
      }
      if (item.problems.length || !item.record) {
        record(parameterResult(item, 'rejected'));
        continue;
      }
      if (opts.dryRun || !opts.client) {
        record(parameterResult(item, 'valid'));
        continue;
      }
      output.progress(`[${n}/${scan.parameterFiles.length}] ${pf.rel}[${item.index}] ${item.parameterId ?? ''}`);
      record(await importParameterSet(opts.client, item));
    }
  }
  output.clearProgress();
  return report;
}

/**
 * Read and register the version folders a batch at a time: the next batch is read while the
 * registry registers the previous one (reading 1,000 folders and registering them took about
 * the same time; one after the other they took the sum). Each batch: one known-hashes request,
 * one POST /api/v1/imports for the rest. A registry without bulk import gets one request per
 * version, as before.
 */
async function importVersions(client: ApiClient, folders: VersionFolder[], opts: ImportOptions, record: (r: ItemResult) => void): Promise<void> {
  const { output } = opts;
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const onOutcome = (o: VersionOutcome) => record(versionResult(o.item, o.status, o.problems));
  let bulk = true;
  let registered = 0;
  const readChunk = (k: number) => {
    const p = readVersionFolders(folders.slice(k * size, (k + 1) * size), output);
    p.catch(() => {}); // awaited below; not an unhandled rejection while a batch is in flight
    return p;
  };
  const chunks = Math.ceil(folders.length / size);
  let reading = chunks > 0 ? readChunk(0) : null;
  for (let k = 0; k < chunks; k++) {
    const items = await reading!;
    reading = k + 1 < chunks ? readChunk(k + 1) : null;
    const ready: VersionItem[] = [];
    for (const item of items) {
      if (item.problems.length || !item.body) record(versionResult(item, 'rejected'));
      else ready.push(item);
    }
    if (!ready.length) continue;
    if (bulk) bulk = await importVersionBatches(client, ready, { output, batchSize: size, verbose: opts.verbose, onOutcome });
    if (!bulk) {
      // A registry without POST /api/v1/imports: one request per version.
      for (const item of ready) {
        output.progress(`[${++registered}] registering ${item.modelId}`);
        record(await registerVersion(client, item));
      }
    }
  }
}

export function summaryLine(r: ImportReport): string {
  const s = r.summary;
  if (r.dryRun) return `dry run: valid ${s.valid}, rejected ${s.rejected}`;
  return `imported ${s.imported}, unchanged ${s.unchanged}, rejected ${s.rejected}${s.conflicts ? ` (${s.conflicts} conflict${s.conflicts === 1 ? '' : 's'})` : ''}`;
}

function entryResult(e: RejectedEntry): ItemResult {
  return { kind: 'entry', path: e.path, status: 'rejected', problems: e.problems, warnings: e.warnings };
}

function versionResult(item: VersionItem, status: ItemStatus, extra: ItemProblem[] = []): ItemResult {
  return {
    kind: 'version',
    path: item.path,
    status,
    ...(item.modelId ? { modelId: item.modelId } : {}),
    problems: [...item.problems, ...extra],
    warnings: item.warnings,
  };
}

function parameterResult(item: ParameterItem, status: ItemStatus, extra: ItemProblem[] = []): ItemResult {
  return {
    kind: 'parameter-set',
    path: item.path,
    index: item.index,
    status,
    ...(item.parameterId ? { parameterId: item.parameterId } : {}),
    problems: [...item.problems, ...extra],
    warnings: item.warnings,
  };
}

async function registerVersion(client: ApiClient, item: VersionItem): Promise<ItemResult> {
  const res = await client.post('/api/v1/versions', item.body);
  if (res.status === 201 || res.status === 200) return versionResult(item, 'imported');
  if (res.status === 409) return checkRegistered(client, item, res);
  return versionResult(item, 'rejected', responseProblems(item, res));
}

/** Already registered: same artifacts → unchanged; otherwise a conflict. */
async function checkRegistered(client: ApiClient, item: VersionItem, conflict: ApiResponse): Promise<ItemResult> {
  const modelId = item.modelId!;
  const res = await client.get(`/api/v1/versions/${enc(modelId)}`);
  if (res.status === 404) {
    // The 409 was about another id for the same component and version.
    const why = conflict.problem?.detail ?? conflict.problem?.title ?? 'already registered under another id';
    return versionResult(item, 'conflict', [{ path: `${item.path}/metadata.json`, field: 'model_id', reason: `conflict: ${why}` }]);
  }
  if (!res.ok || !isObject(res.body)) {
    return versionResult(item, 'conflict', [{ path: item.path, reason: `already registered, but cannot compare artifacts: ${describeProblem(res.status, res.problem)}` }]);
  }
  const remote = readArtifactList(res.body.artifacts);
  const diff = compareArtifacts(item.body?.artifacts ?? [], remote);
  if (diff.length === 0) return versionResult(item, 'unchanged');
  return versionResult(
    item,
    'conflict',
    diff.map((d) => ({ path: `${item.path}/${d.path}`, reason: `conflict: ${modelId} is already registered with ${d.reason}` })),
  );
}

export function readArtifactList(v: unknown): Artifact[] {
  if (!Array.isArray(v)) return [];
  const out: Artifact[] = [];
  for (const a of v) {
    if (!isObject(a) || typeof a.path !== 'string' || typeof a.sha256 !== 'string') continue;
    const size = typeof a.sizeBytes === 'number' ? a.sizeBytes : typeof a.sizeBytes === 'string' ? Number(a.sizeBytes) : NaN;
    out.push({ path: a.path, sha256: a.sha256, sizeBytes: size });
  }
  return out;
}

async function importParameterSet(client: ApiClient, item: ParameterItem): Promise<ItemResult> {
  const res = await client.post('/api/v1/parameter-sets/import', item.record);
  if (res.status === 201) return parameterResult(item, 'imported');
  if (res.status === 200) {
    const result = isObject(res.body) ? res.body.result : undefined;
    return parameterResult(item, result === 'unchanged' ? 'unchanged' : 'imported');
  }
  const at = `[${item.index}]`;
  if (res.status === 409) {
    const why = res.problem?.detail ?? res.problem?.title ?? 'same parameter_id with different content';
    return parameterResult(item, 'conflict', [{ path: item.path, field: `${at}.parameter_id`, reason: `conflict: ${why}` }]);
  }
  const fields = fieldErrorLines(res.problem);
  if (!fields.length) return parameterResult(item, 'rejected', [{ path: item.path, field: at, reason: `registry refused: ${describeProblem(res.status, res.problem)}` }]);
  return parameterResult(
    item,
    'rejected',
    fields.map(({ field, reason }) => ({ path: item.path, field: field === '(body)' ? at : `${at}.${field}`, reason })),
  );
}
