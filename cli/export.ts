// `mgr export DIR`: the registry → the seed's layout, so that `mgr import` of the result
// registers the same versions (round trip). Artifact binaries are not stored by the registry:
// each version folder gets an artifacts.json manifest instead, which `import` accepts.

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SEMVER_RE } from '../lib/domain/naming';
import { ApiClient, isObject } from './client';
import type { Output } from './output';
import { formatPerformance, type MetricEntry } from './performance';
import { fetchComponentFolders, readArtifactList } from './import';
import { DEFAULT_COMPONENT_FOLDERS, PARAMETER_FILES, type ItemProblem } from './tree';
import type { ParameterKindName } from '../lib/validation/parameter-set';

export type ExportReport = { versions: number; parameterSets: number; files: number; warnings: ItemProblem[] };
export type ExportOptions = { client: ApiClient; output: Output; force?: boolean; componentFolders?: Record<string, string>; pageSize?: number };

const enc = encodeURIComponent;
const SAFE_SEGMENT_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class ExportError extends Error {}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch {
    return false;
  }
}

/** All version summaries, following the pagination. */
async function listVersions(client: ApiClient, pageSize: number, output: Output): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    output.progress(`listing versions, page ${page}`);
    const body = await client.expectOk<unknown>('GET', `/api/v1/versions?page=${page}&pageSize=${pageSize}`);
    if (!isObject(body) || !Array.isArray(body.items)) throw new ExportError('GET /api/v1/versions: expected { items, total, page, pageSize }');
    const items = body.items.filter(isObject);
    all.push(...items);
    const total = typeof body.total === 'number' ? body.total : null;
    if (items.length === 0 || (total !== null && all.length >= total) || (total === null && items.length < pageSize)) break;
    if (page > 100_000) throw new ExportError('GET /api/v1/versions: pagination does not end');
  }
  return all;
}

async function listParameterSets(client: ApiClient, pageSize: number): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    // The list is not paginated today ({ items }); follow { total, page } if it ever is.
    const query = page === 1 ? '' : `?page=${page}&pageSize=${pageSize}`;
    const body = await client.expectOk<unknown>('GET', `/api/v1/parameter-sets${query}`);
    if (!isObject(body) || !Array.isArray(body.items)) throw new ExportError('GET /api/v1/parameter-sets: expected { items: [...] }');
    const items = body.items.filter(isObject);
    all.push(...items);
    const total = typeof body.total === 'number' ? body.total : null;
    if (total === null || items.length === 0 || all.length >= total) break;
  }
  return all;
}

/** The registry adds its own fields to the seed's record; the file holds the record only. */
const REGISTRY_ONLY_FIELDS = new Set(['status', 'id', 'quorum', 'createdAt', 'updatedAt']);

function seedRecord(r: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(r).filter(([k]) => !REGISTRY_ONLY_FIELDS.has(k)));
}

function componentOf(detail: Record<string, unknown>): { key: string | null; folder: string | null } {
  const c = detail.component;
  if (typeof c === 'string') return { key: c, folder: null };
  if (isObject(c)) return { key: typeof c.key === 'string' ? c.key : null, folder: typeof c.folder === 'string' ? c.folder : null };
  return { key: null, folder: null };
}

function readMetrics(v: unknown): MetricEntry[] {
  if (!Array.isArray(v)) return [];
  const out: MetricEntry[] = [];
  for (const m of v) {
    if (!isObject(m)) continue;
    const metric = typeof m.metric === 'string' ? m.metric : isObject(m.metric) && typeof m.metric.key === 'string' ? m.metric.key : null;
    const value = typeof m.value === 'number' ? m.value : typeof m.value === 'string' ? Number(m.value) : NaN;
    if (!metric || !Number.isFinite(value)) continue;
    out.push({
      metric,
      value,
      ...(typeof m.scenario === 'string' && m.scenario ? { scenario: m.scenario } : {}),
      ...(typeof m.language === 'string' && m.language ? { language: m.language } : {}),
    });
  }
  return out;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function runExport(root: string, opts: ExportOptions): Promise<ExportReport> {
  const { client, output } = opts;
  const pageSize = opts.pageSize ?? 100;
  const report: ExportReport = { versions: 0, parameterSets: 0, files: 0, warnings: [] };
  if (!opts.force && ((await isNonEmptyDir(path.join(root, 'models'))) || (await isNonEmptyDir(path.join(root, 'config', 'parameters'))))) {
    throw new ExportError(`${root}: models/ or config/parameters/ is not empty; export into a new directory or pass --force to overwrite`);
  }
  const fromServer = await fetchComponentFolders(client);
  const folders = new Map(Object.entries({ ...DEFAULT_COMPONENT_FOLDERS, ...fromServer, ...(opts.componentFolders ?? {}) }).map(([folder, key]) => [key, folder]));
  const write = async (file: string, content: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    report.files++;
  };

  const summaries = await listVersions(client, pageSize, output);
  let n = 0;
  for (const s of summaries) {
    n++;
    const modelId = typeof s.modelId === 'string' ? s.modelId : null;
    if (!modelId) {
      report.warnings.push({ path: 'models', reason: `skipped a version without modelId in the listing (#${n})` });
      continue;
    }
    output.progress(`[${n}/${summaries.length}] ${modelId}`);
    const detail = await client.expectOk<unknown>('GET', `/api/v1/versions/${enc(modelId)}`);
    if (!isObject(detail)) throw new ExportError(`GET /api/v1/versions/${modelId}: expected an object`);
    const { key, folder: folderFromServer } = componentOf(detail);
    const version = typeof detail.version === 'string' ? detail.version : null;
    if (!key || !version || !SEMVER_RE.test(version)) {
      report.warnings.push({ path: modelId, reason: 'skipped: the registry gave no component or no semantic version' });
      continue;
    }
    let folder = folderFromServer ?? folders.get(key) ?? null;
    if (!folder) {
      folder = key;
      report.warnings.push({ path: `models/${folder}`, reason: `component "${key}" has no known folder; written as models/${folder} (import it with --component ${folder}=${key})` });
    }
    if (!SAFE_SEGMENT_RE.test(folder)) {
      report.warnings.push({ path: modelId, reason: `skipped: unsafe component folder name "${folder}"` });
      continue;
    }
    const dir = path.join(root, 'models', folder, `v${version}`);
    const metadata: Record<string, unknown> = isObject(detail.metadata) ? { ...detail.metadata } : {};
    metadata.model_id = modelId;
    if (metadata.description === undefined && typeof detail.description === 'string' && detail.description) metadata.description = detail.description;
    // Keep model_id first, as in the seed.
    const { model_id, ...rest } = metadata;
    await write(path.join(dir, 'metadata.json'), json({ model_id, ...rest }));
    if (typeof detail.configYaml === 'string' && detail.configYaml) await write(path.join(dir, 'config.yaml'), detail.configYaml);
    const metrics = readMetrics(detail.metrics);
    if (metrics.length) await write(path.join(dir, 'performance.json'), json(formatPerformance(metrics)));
    const artifacts = readArtifactList(detail.artifacts);
    if (artifacts.length) await write(path.join(dir, 'artifacts.json'), json(artifacts.map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: a.sizeBytes }))));
    report.versions++;
  }

  output.progress('parameter sets');
  const sets = await listParameterSets(client, pageSize);
  const byKind = new Map<ParameterKindName, Record<string, unknown>[]>();
  const kindFiles = new Map(Object.entries(PARAMETER_FILES).map(([file, kind]) => [kind, file]));
  for (const r of sets) {
    const id = typeof r.parameter_id === 'string' ? r.parameter_id : '';
    const kind = (typeof r.kind === 'string' ? r.kind : id.split('-')[0]) as ParameterKindName;
    if (!kindFiles.has(kind)) {
      report.warnings.push({ path: 'config/parameters', reason: `skipped parameter set ${id || '(no id)'}: unknown kind "${kind}"` });
      continue;
    }
    const list = byKind.get(kind) ?? [];
    list.push(seedRecord(r));
    byKind.set(kind, list);
  }
  for (const [kind, records] of byKind) {
    await write(path.join(root, 'config', 'parameters', kindFiles.get(kind)!), json(records));
    report.parameterSets += records.length;
  }
  output.clearProgress();
  return report;
}
