// `mgr import DIR`: the seed's tree → the registry, idempotently.
//
// Each version folder is one POST /api/v1/versions with its metrics inline (one transaction on
// the server), so an import killed half-way re-runs cleanly: what was registered answers 409 and
// counts as unchanged — unless the registered artifacts differ from the local ones (a conflict).
// Each parameter record is one POST /api/v1/parameter-sets/import (201 created, 200 unchanged,
// 409 same id with different content).

import { ApiClient, describeProblem, FatalError, fieldErrorLines, isObject, type ApiResponse } from './client';
import type { Output } from './output';
import {
  formatProblem,
  locateServerField,
  readParameterFile,
  readVersionFolder,
  scanTree,
  type Artifact,
  type ItemProblem,
  type ParameterItem,
  type RejectedEntry,
  type ScanOptions,
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

export type ImportOptions = ScanOptions & { dryRun: boolean; client: ApiClient | null; output: Output; verbose?: boolean };

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

  const total = scan.versions.length + scan.parameterFiles.length;
  let n = 0;
  for (const folder of scan.versions) {
    n++;
    output.progress(`[${n}/${total}] ${folder.rel}`);
    const item = await readVersionFolder(folder, { onHash: (f) => output.progress(`[${n}/${total}] hashing ${f}`) });
    if (item.problems.length || !item.body) {
      record(versionResult(item, 'rejected'));
      continue;
    }
    if (opts.dryRun || !opts.client) {
      record(versionResult(item, 'valid'));
      continue;
    }
    output.progress(`[${n}/${total}] registering ${item.modelId}`);
    record(await registerVersion(opts.client, item));
  }

  for (const pf of scan.parameterFiles) {
    n++;
    output.progress(`[${n}/${total}] ${pf.rel}`);
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
      output.progress(`[${n}/${total}] ${pf.rel}[${item.index}] ${item.parameterId ?? ''}`);
      record(await importParameterSet(opts.client, item));
    }
  }
  output.clearProgress();
  return report;
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

/** Server problems of a version → lines naming the local file and field. */
function serverProblems(item: VersionItem, res: ApiResponse): ItemProblem[] {
  const fields = fieldErrorLines(res.problem);
  if (!fields.length) return [{ path: item.path, reason: `registry refused: ${describeProblem(res.status, res.problem)}` }];
  return fields.map(({ field, reason }) => {
    const at = locateServerField(field, item);
    return { path: at.file ? `${item.path}/${at.file}` : item.path, ...(at.field ? { field: at.field } : { field }), reason };
  });
}

async function registerVersion(client: ApiClient, item: VersionItem): Promise<ItemResult> {
  const res = await client.post('/api/v1/versions', item.body);
  if (res.status === 201 || res.status === 200) return versionResult(item, 'imported');
  if (res.status === 409) return checkRegistered(client, item, res);
  return versionResult(item, 'rejected', serverProblems(item, res));
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

export function compareArtifacts(local: Artifact[], remote: Artifact[]): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  const r = new Map(remote.map((a) => [a.path, a]));
  const l = new Map(local.map((a) => [a.path, a]));
  for (const a of local) {
    const other = r.get(a.path);
    if (!other) out.push({ path: a.path, reason: 'no such artifact (the local file is not registered)' });
    else if (other.sha256 !== a.sha256) out.push({ path: a.path, reason: `sha256 ${other.sha256}, the local file has ${a.sha256}` });
  }
  for (const a of remote) if (!l.has(a.path)) out.push({ path: a.path, reason: `artifact ${a.path} (sha256 ${a.sha256}), missing here` });
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
