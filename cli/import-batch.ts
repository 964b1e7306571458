// The versions of `mgr import`, in bulk (issue 11, docs/decisions/013):
//  1. every version folder is read and hashed locally (a few folders at a time);
//  2. one POST /api/v1/imports/known asks which content hashes the registry already holds: those
//     versions are `unchanged` and are not sent again;
//  3. the others go in batches (POST /api/v1/imports, one transaction per batch on the server),
//     each version with its own result; a bad version is reported and the rest of its batch imports.
// A registry without these endpoints (404) gets one POST /api/v1/versions per version instead.
// runImport reads the folders a batch at a time and reads the next batch while the registry
// registers the previous one (steps 1-3 per batch), so reading and registering overlap.

import { versionContentHash } from '../lib/domain/content-hash';
import { MAX_KNOWN_HASHES } from '../lib/validation/import';
import { describeProblem, fieldErrorLines, isObject, type ApiClient, type ApiResponse } from './client';
import type { Output } from './output';
import { locateServerField, readVersionFolder, type ItemProblem, type VersionFolder, type VersionItem } from './tree';

export const DEFAULT_BATCH_SIZE = 200;
const READ_CONCURRENCY = 8;

export type VersionOutcome = { item: VersionItem; status: 'imported' | 'unchanged' | 'rejected' | 'conflict' | 'valid'; problems: ItemProblem[] };

/** Read (and hash) the version folders, a few at a time, in folder order. */
export async function readVersionFolders(folders: VersionFolder[], output: Output): Promise<VersionItem[]> {
  const out: VersionItem[] = new Array(folders.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < folders.length) {
      const i = next++;
      out[i] = await readVersionFolder(folders[i], { onHash: (f) => output.progress(`[${done}/${folders.length}] hashing ${f}`) });
      done++;
      output.progress(`[${done}/${folders.length}] read ${folders[i].rel}`);
      // Small files are read synchronously (cli/tree.ts): let a request in flight (the previous
      // batch, see runImport) be written and answered between folders.
      await new Promise((r) => setImmediate(r));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, folders.length) }, worker));
  return out;
}

/** Server field errors of one version → lines naming the local file and field. */
export function problemsFromFields(item: VersionItem, errors: Record<string, string[]> | undefined, fallback: string): ItemProblem[] {
  const entries = Object.entries(errors ?? {}).flatMap(([field, reasons]) => reasons.map((reason) => ({ field, reason })));
  if (!entries.length) return [{ path: item.path, reason: fallback }];
  return entries.map(({ field, reason }) => {
    const at = locateServerField(field, item);
    return { path: at.file ? `${item.path}/${at.file}` : item.path, ...(at.field ? { field: at.field } : { field }), reason };
  });
}

export function responseProblems(item: VersionItem, res: ApiResponse): ItemProblem[] {
  const fields: Record<string, string[]> = {};
  for (const { field, reason } of fieldErrorLines(res.problem)) (fields[field] ??= []).push(reason);
  return problemsFromFields(item, fields, `registry refused: ${describeProblem(res.status, res.problem)}`);
}

/** The hashes the registry knows, or null when it has no /api/v1/imports/known (an older server). */
async function knownHashes(client: ApiClient, hashes: string[]): Promise<Set<string> | null> {
  const known = new Set<string>();
  for (let i = 0; i < hashes.length; i += MAX_KNOWN_HASHES) {
    const res = await client.post('/api/v1/imports/known', { hashes: hashes.slice(i, i + MAX_KNOWN_HASHES) });
    if (res.status === 404 || res.status === 405) return null;
    if (!res.ok || !isObject(res.body) || !Array.isArray(res.body.known)) throw new Error(`POST /api/v1/imports/known: ${describeProblem(res.status, res.problem)}`);
    for (const h of res.body.known) if (typeof h === 'string') known.add(h);
  }
  return known;
}

type ServerResult = { index: number; status: string; detail?: string; errors?: Record<string, string[]>; differences?: { path: string; reason: string }[] };

function outcomeOf(item: VersionItem, r: ServerResult | undefined): VersionOutcome {
  if (!r) return { item, status: 'rejected', problems: [{ path: item.path, reason: 'the registry gave no result for this version' }] };
  if (r.status === 'imported' || r.status === 'unchanged') return { item, status: r.status, problems: [] };
  if (r.status === 'conflict') {
    const problems = r.differences?.length
      ? r.differences.map((d) => ({ path: `${item.path}/${d.path}`, reason: `conflict: ${item.modelId} is already registered with ${d.reason}` }))
      : r.errors?.modelId
        ? [{ path: `${item.path}/metadata.json`, field: 'model_id', reason: `conflict: ${r.detail ?? r.errors.modelId[0]}` }]
        : [{ path: item.path, reason: `conflict: ${r.detail ?? 'already registered'}` }];
    return { item, status: 'conflict', problems };
  }
  return { item, status: 'rejected', problems: problemsFromFields(item, r.errors, `registry refused: ${r.detail ?? 'rejected'}`) };
}

/**
 * Register the valid version items: skip the known hashes, send the rest in batches; one outcome
 * per item. False (and no outcome) when the registry has no bulk import: the caller falls back.
 */
export async function importVersionBatches(
  client: ApiClient,
  items: VersionItem[],
  opts: { output: Output; batchSize?: number; verbose?: boolean; onOutcome: (o: VersionOutcome) => void },
): Promise<boolean> {
  const { output } = opts;
  const hashes = items.map((i) => versionContentHash(i.body));
  output.progress(`asking the registry which of ${items.length} versions it has`);
  const known = await knownHashes(client, hashes);
  if (!known) return false;
  const toSend: VersionItem[] = [];
  items.forEach((item, i) => (known.has(hashes[i]) ? opts.onOutcome({ item, status: 'unchanged', problems: [] }) : toSend.push(item)));
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const batches = Math.ceil(toSend.length / size);
  for (let b = 0; b < batches; b++) {
    const batch = toSend.slice(b * size, (b + 1) * size);
    output.progress(`[${b * size + batch.length}/${toSend.length}] sending batch ${b + 1}/${batches} (${batch.length} versions)`);
    const res = await client.post('/api/v1/imports', { versions: batch.map((i) => i.body) });
    if (!res.ok || !isObject(res.body) || !Array.isArray(res.body.results)) {
      for (const item of batch) opts.onOutcome({ item, status: 'rejected', problems: responseProblems(item, res) });
      continue;
    }
    const byIndex = new Map((res.body.results as ServerResult[]).map((r) => [r.index, r]));
    batch.forEach((item, i) => opts.onOutcome(outcomeOf(item, byIndex.get(i))));
    if (opts.verbose && isObject(res.body.summary)) {
      const s = res.body.summary as Record<string, number>;
      output.line(`batch ${b + 1}/${batches}: imported ${s.imported}, unchanged ${s.unchanged}, conflicts ${s.conflicts}, rejected ${s.rejected}`);
    }
  }
  return true;
}
