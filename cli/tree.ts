// Reads and validates a tree in the seed's layout, without any server:
//
//   models/{base,residual,super_resolution,fact_checking}/vMAJOR.MINOR.PATCH/
//       metadata.json  config.yaml  performance.json  model.pt …  [artifacts.json]
//   config/parameters/{lambda,training,inference}_parameters.json
//
// Every problem names the file (relative to the tree's root), the field when there is one, and
// the reason. Artifacts are hashed by streaming (large model files are never read whole).

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { parseIsoDate, parseModelId, SEMVER_RE } from '../lib/domain/naming';
import { ParameterFileSchema, ParameterSetInputSchema, PARAMETER_KINDS, type ParameterKindName } from '../lib/validation/parameter-set';
import { ArtifactInputSchema, ArtifactListSchema, MetadataSchema, RegisterVersionSchema, type RegisterVersionInput } from '../lib/validation/model-version';
import { isObject } from './client';
import { duplicateProblems, mergeMetrics, parseMetadataPerformance, parsePerformance, toMetricInput, type SourcedMetric } from './performance';

export const DEFAULT_COMPONENT_FOLDERS: Readonly<Record<string, string>> = {
  base: 'base',
  residual: 'residual',
  super_resolution: 'super-res',
  fact_checking: 'fact-check',
};

/** Files of a version folder that are not artifacts. */
export const RESERVED_FILES = new Set(['metadata.json', 'config.yaml', 'performance.json', 'artifacts.json']);
/** Folders under models/ that are not components (the seed's models/registry/ holds the old registry). */
const IGNORED_MODEL_FOLDERS = new Set(['registry']);
export const PARAMETER_FILES: Readonly<Record<string, ParameterKindName>> = Object.fromEntries(
  PARAMETER_KINDS.map((k) => [`${k}_parameters.json`, k]),
) as Record<string, ParameterKindName>;

export type ItemProblem = { path: string; field?: string; reason: string };

export type Artifact = { path: string; sha256: string; sizeBytes: number };

export type VersionItem = {
  kind: 'version';
  /** The version folder, relative to the root (models/base/v1.0.0). */
  path: string;
  modelId: string | null;
  body: RegisterVersionInput | null;
  /** Parallel to body.metrics: where each metric came from. */
  metricSources: SourcedMetric[];
  problems: ItemProblem[];
  warnings: ItemProblem[];
};

export type ParameterItem = {
  kind: 'parameter-set';
  /** The parameter file, relative to the root. */
  path: string;
  index: number;
  parameterKind: ParameterKindName;
  parameterId: string | null;
  record: Record<string, unknown> | null;
  problems: ItemProblem[];
  warnings: ItemProblem[];
};

/** Something that could not even become an item (unknown component, folder name, unreadable file). */
export type RejectedEntry = { kind: 'entry'; path: string; problems: ItemProblem[]; warnings: ItemProblem[] };

export type Item = VersionItem | ParameterItem | RejectedEntry;

export type VersionFolder = { abs: string; rel: string; componentKey: string; version: string };
export type ParameterFile = { abs: string; rel: string; kind: ParameterKindName };

export type TreeScan = {
  root: string;
  versions: VersionFolder[];
  parameterFiles: ParameterFile[];
  rejected: RejectedEntry[];
  warnings: ItemProblem[];
};

export type ScanOptions = {
  /** Extra or overriding folder → component key mappings (e.g. { video_enhancer: 'enhancer' }). */
  componentFolders?: Record<string, string>;
};

export class TreeError extends Error {}

const rel = (...parts: string[]) => parts.filter(Boolean).join('/');
const isHidden = (name: string) => name.startsWith('.');

// Symbolic links are never followed: a link in an imported tree could make the registry store (or
// print the first bytes of) any file the importing user can read. Every entry is lstat'ed, and
// files are opened with O_NOFOLLOW so a file swapped for a link after the check is refused too.
export const LINK_REASON = 'is a symbolic link; refused (links are never followed)';
const NOT_REGULAR = 'is not a regular file or folder; refused';
const OPEN_NOFOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;
// O_NONBLOCK: opening a FIFO that appeared after the lstat does not hang (fstat then refuses it).
const OPEN_SMALL = OPEN_NOFOLLOW | constants.O_NONBLOCK;

// Small files (metadata.json, config.yaml, performance.json, artifacts.json and artifacts up to
// SMALL_FILE_BYTES) are read with synchronous calls: an import reads thousands of them, and each
// fs/promises call costs a FileHandle, promises and a thread-pool hop — 3 to 8 times the time of
// the system calls themselves (issue 11: reading 1,000 version folders took 2.5 s, most of it
// there). Larger artifacts are hashed by streaming, as before.
const SMALL_FILE_BYTES = 8 << 20;

type EntryKind = 'missing' | 'file' | 'dir' | 'link' | 'other';

function entryKindSync(abs: string): EntryKind {
  let s;
  try {
    s = lstatSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw e;
  }
  return s.isSymbolicLink() ? 'link' : s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
}

/** The whole of a small regular file (a link is refused by O_NOFOLLOW: ELOOP), or null if it is not a regular file. */
function readSmallFileSync(abs: string, maxBytes = Infinity): Buffer | null | 'large' {
  const fd = openSync(abs, OPEN_SMALL);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    if (st.size > maxBytes) return 'large';
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

type TextRead = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

/** Read a regular file as UTF-8; a link, a device or a fifo is refused with a reason. */
async function readRegularFile(abs: string): Promise<TextRead> {
  let kind: EntryKind;
  try {
    kind = entryKindSync(abs);
  } catch (e) {
    return { ok: false, missing: false, reason: `cannot read: ${(e as Error).message}` };
  }
  if (kind === 'missing') return { ok: false, missing: true, reason: 'missing' };
  if (kind === 'link') return { ok: false, missing: false, reason: LINK_REASON };
  if (kind !== 'file') return { ok: false, missing: false, reason: NOT_REGULAR };
  try {
    const buf = readSmallFileSync(abs);
    if (buf === null || buf === 'large') return { ok: false, missing: false, reason: NOT_REGULAR };
    return { ok: true, text: buf.toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, missing: false, reason: LINK_REASON };
    return { ok: false, missing: false, reason: `cannot read: ${(e as Error).message}` };
  }
}

const refusedEntry = (p: string, kind: EntryKind): RejectedEntry => ({
  kind: 'entry',
  path: p,
  problems: [{ path: p, reason: kind === 'link' ? LINK_REASON : NOT_REGULAR }],
  warnings: [],
});

/** Enumerate the tree (cheap: no file contents are read). */
export async function scanTree(root: string, opts: ScanOptions = {}): Promise<TreeScan> {
  const folders = { ...DEFAULT_COMPONENT_FOLDERS, ...(opts.componentFolders ?? {}) };
  const scan: TreeScan = { root, versions: [], parameterFiles: [], rejected: [], warnings: [] };
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new TreeError(`${root}: not a directory`);

  const modelsDir = path.join(root, 'models');
  const paramsDir = path.join(root, 'config', 'parameters');
  const modelsKind = entryKindSync(modelsDir);
  const configKind = entryKindSync(path.join(root, 'config'));
  const paramsKind = configKind === 'dir' ? entryKindSync(paramsDir) : 'missing';
  if (modelsKind === 'link') scan.rejected.push(refusedEntry('models', 'link'));
  if (configKind === 'link') scan.rejected.push(refusedEntry('config', 'link'));
  if (paramsKind === 'link') scan.rejected.push(refusedEntry('config/parameters', 'link'));
  const hasModels = modelsKind === 'dir';
  const hasParams = paramsKind === 'dir';
  if (!hasModels && !hasParams && !scan.rejected.length) throw new TreeError(`${root}: contains neither models/ nor config/parameters/ (the seed's layout)`);

  if (hasModels) {
    for (const c of await sortedEntries(modelsDir)) {
      if (isHidden(c.name)) continue;
      const cRel = rel('models', c.name);
      if (c.isSymbolicLink()) {
        scan.rejected.push(refusedEntry(cRel, 'link'));
        continue;
      }
      if (!c.isDirectory()) {
        scan.warnings.push({ path: cRel, reason: 'ignored: not a component folder' });
        continue;
      }
      if (IGNORED_MODEL_FOLDERS.has(c.name)) {
        scan.warnings.push({ path: cRel, reason: 'ignored: the registry folder is not a component' });
        continue;
      }
      const componentKey = folders[c.name];
      if (!componentKey) {
        scan.rejected.push({
          kind: 'entry',
          path: cRel,
          problems: [{ path: cRel, reason: `unknown component folder "${c.name}" (known: ${Object.keys(folders).join(', ')})` }],
          warnings: [],
        });
        continue;
      }
      for (const v of await sortedEntries(path.join(modelsDir, c.name))) {
        if (isHidden(v.name)) continue;
        const vRel = rel(cRel, v.name);
        if (v.isSymbolicLink()) {
          scan.rejected.push(refusedEntry(vRel, 'link'));
          continue;
        }
        if (!v.isDirectory()) {
          scan.warnings.push({ path: vRel, reason: 'ignored: not a version folder' });
          continue;
        }
        const m = /^v(.+)$/.exec(v.name);
        if (!m || !SEMVER_RE.test(m[1])) {
          scan.rejected.push({
            kind: 'entry',
            path: vRel,
            problems: [{ path: vRel, reason: `not a semver folder: "${v.name}" (expected vMAJOR.MINOR.PATCH, e.g. v1.2.3)` }],
            warnings: [],
          });
          continue;
        }
        scan.versions.push({ abs: path.join(modelsDir, c.name, v.name), rel: vRel, componentKey, version: m[1] });
      }
    }
  }

  if (hasParams) {
    for (const f of await sortedEntries(paramsDir)) {
      if (isHidden(f.name)) continue;
      const fRel = rel('config', 'parameters', f.name);
      const kind = PARAMETER_FILES[f.name];
      if (f.isSymbolicLink()) {
        scan.rejected.push(refusedEntry(fRel, 'link'));
        continue;
      }
      if (!kind || !f.isFile()) {
        scan.warnings.push({ path: fRel, reason: `ignored: not a parameter file (expected ${Object.keys(PARAMETER_FILES).join(', ')})` });
        continue;
      }
      scan.parameterFiles.push({ abs: path.join(paramsDir, f.name), rel: fRel, kind });
    }
  }
  return scan;
}

const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function sortedEntries(dir: string) {
  return (await readdir(dir, { withFileTypes: true })).sort(byName);
}

/** SHA-256 and size of a file: a small one read at once, a larger one by streaming (a symbolic link is refused: ELOOP). */
export async function hashFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const small = readSmallFileSync(file, SMALL_FILE_BYTES);
  if (small === null) throw new Error(NOT_REGULAR);
  if (small !== 'large') return { sha256: createHash('sha256').update(small).digest('hex'), sizeBytes: small.length };
  const fh = await open(file, OPEN_NOFOLLOW);
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let size = 0;
    const stream = fh.createReadStream({ highWaterMark: 1 << 20 }); // closes fh at the end
    stream.on('data', (chunk: Buffer | string) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buf.length;
      hash.update(buf);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ sha256: hash.digest('hex'), sizeBytes: size }));
  });
}

/** "Unexpected token } in JSON at position 42" → adds "(line 3, column 5)" when missing. */
export function describeJsonError(e: unknown, text: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(msg);
  if (m && !/line \d+/.test(msg)) {
    const pos = Number(m[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `${msg} (line ${line}, column ${column})`;
  }
  return msg;
}

type JsonRead = { ok: true; value: unknown } | { ok: false; missing: boolean; reason: string };

async function readJson(file: string): Promise<JsonRead> {
  const read = await readRegularFile(file);
  if (!read.ok) return read;
  const text = read.text;
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return { ok: false, missing: false, reason: `malformed JSON: ${describeJsonError(e, text)}` };
  }
}

/** Regular files under dir (relative paths); links and special files go to `refused`, never followed. */
async function listFiles(dir: string, refused: { path: string; reason: string }[], prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    if (isHidden(e.name)) continue;
    const relPath = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isSymbolicLink()) refused.push({ path: relPath, reason: LINK_REASON });
    else if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), refused, relPath)));
    else if (e.isFile()) out.push(relPath);
    else refused.push({ path: relPath, reason: NOT_REGULAR });
  }
  return out;
}

function zodIssues(error: z.ZodError): { path: (string | number)[]; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

function joinField(parts: (string | number)[]): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** Read, validate and hash one version folder into a POST /api/v1/versions body. */
export async function readVersionFolder(folder: VersionFolder, hooks: { onHash?: (file: string) => void } = {}): Promise<VersionItem> {
  const item: VersionItem = { kind: 'version', path: folder.rel, modelId: null, body: null, metricSources: [], problems: [], warnings: [] };
  const file = (name: string) => rel(folder.rel, name);
  const problem = (name: string | null, field: string | undefined, reason: string) =>
    item.problems.push({ path: name ? file(name) : folder.rel, ...(field ? { field } : {}), reason });

  // metadata.json
  const meta = await readJson(path.join(folder.abs, 'metadata.json'));
  let metadata: Record<string, unknown> | null = null;
  if (!meta.ok) {
    if (meta.missing) problem(null, undefined, 'missing metadata.json');
    else problem('metadata.json', undefined, meta.reason);
  } else if (!isObject(meta.value)) {
    problem('metadata.json', undefined, 'must be a JSON object');
  } else {
    metadata = meta.value;
  }

  let architecture: string | null = null;
  let releaseDate: string | null = null;
  if (metadata) {
    const id = metadata.model_id;
    if (id === undefined) problem('metadata.json', 'model_id', 'is required (e.g. pib-vg-base-diffusion-1.2.3-20230615)');
    else if (typeof id !== 'string') problem('metadata.json', 'model_id', 'must be a string');
    else {
      const parsed = parseModelId(id);
      if (!parsed) {
        problem('metadata.json', 'model_id', `"${id}" does not follow the naming convention pib-vg-{component}-{architecture}-{MAJOR.MINOR.PATCH}-{YYYYMMDD}`);
      } else {
        item.modelId = id;
        if (parsed.component !== folder.componentKey) {
          problem('metadata.json', 'model_id', `id disagrees with folder: component "${parsed.component}" but the folder is for "${folder.componentKey}"`);
        }
        if (parsed.version !== folder.version) {
          problem('metadata.json', 'model_id', `id disagrees with folder: version ${parsed.version} but the folder is v${folder.version}`);
        }
        const iso = `${parsed.date.slice(0, 4)}-${parsed.date.slice(4, 6)}-${parsed.date.slice(6, 8)}`;
        if (!parseIsoDate(iso)) problem('metadata.json', 'model_id', `date ${parsed.date} is not a real date (YYYYMMDD)`);
        else releaseDate = iso;
        architecture = parsed.architecture;
        const arch = metadata.architecture;
        if (isObject(arch) && typeof arch.type === 'string' && arch.type !== parsed.architecture) {
          problem('metadata.json', 'architecture.type', `is "${arch.type}" but model_id says "${parsed.architecture}"`);
        }
      }
    }
    // Types of the seed's known fields (training.epochs a number, authors a list of strings, …).
    const shape = MetadataSchema.safeParse(metadata);
    if (!shape.success) {
      for (const issue of zodIssues(shape.error)) {
        if (issue.path[0] === 'performance') continue; // parseMetadataPerformance says it better
        problem('metadata.json', joinField(issue.path) || undefined, issue.message);
      }
    }
  }

  // config.yaml (optional)
  let configYaml: string | undefined;
  const config = await readRegularFile(path.join(folder.abs, 'config.yaml'));
  if (config.ok) configYaml = config.text;
  else if (!config.missing) problem('config.yaml', undefined, config.reason);
  if (configYaml !== undefined) {
    const docs = YAML.parseAllDocuments(configYaml);
    const list = Array.isArray(docs) ? docs : [docs];
    const err = list.flatMap((d) => d.errors)[0];
    if (err) {
      const first = err.message.split('\n')[0].replace(/:\s*$/, '');
      const where = err.linePos?.[0] && !/line \d+/.test(first) ? ` (line ${err.linePos[0].line}, column ${err.linePos[0].col})` : '';
      problem('config.yaml', undefined, `invalid YAML: ${first}${where}`);
    }
  }

  // performance.json (optional) and metadata.performance
  let perfMetrics: SourcedMetric[] = [];
  const perf = await readJson(path.join(folder.abs, 'performance.json'));
  if (!perf.ok) {
    if (!perf.missing) problem('performance.json', undefined, perf.reason);
  } else {
    const parsed = parsePerformance(perf.value, 'performance.json');
    perfMetrics = parsed.metrics;
    for (const p of parsed.problems) problem('performance.json', p.field === '(file)' ? undefined : p.field, p.reason);
    for (const w of parsed.warnings) item.warnings.push({ path: file('performance.json'), field: w.field, reason: w.reason });
  }
  let metaMetrics: SourcedMetric[] = [];
  if (metadata) {
    const parsed = parseMetadataPerformance(metadata.performance, 'metadata.json');
    metaMetrics = parsed.metrics;
    for (const w of parsed.warnings) item.warnings.push({ path: file('metadata.json'), field: w.field, reason: w.reason });
    for (const p of parsed.problems) problem('metadata.json', p.field, p.reason);
  }
  for (const d of duplicateProblems([...perfMetrics, ...metaMetrics])) problem(d.file, d.field, d.reason);
  const metrics = mergeMetrics(perfMetrics, metaMetrics);
  item.metricSources = metrics;

  // artifacts: every other file; artifacts.json lists those whose binaries are not here
  const artifacts = await readArtifacts(folder, item, hooks);

  if (item.problems.length || !metadata || !item.modelId || !architecture || !releaseDate) return item;

  const candidate: Record<string, unknown> = {
    component: folder.componentKey,
    architecture,
    version: folder.version,
    releaseDate,
    modelId: item.modelId,
    metadata,
    artifacts,
    metrics: metrics.map(toMetricInput),

    source: 'import', // history the files state is recorded as imported, not approved here
  };
  if (typeof metadata.description === 'string') candidate.description = metadata.description;
  if (configYaml !== undefined) candidate.configYaml = configYaml;

  const checked = RegisterVersionSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of zodIssues(checked.error)) {
      if (issue.path[0] === 'metadata') continue; // reported above
      const located = locateField(issue.path, metrics, artifacts);
      problem(located.file, located.field, issue.message);
    }
    return item;
  }
  item.body = checked.data;
  return item;
}

/** Map a field of the request body back to the file (relative to the version folder) and field it came from. */
export function locateField(
  p: (string | number)[],
  metrics: SourcedMetric[],
  artifacts: Artifact[],
): { file: string | null; field: string | undefined } {
  const [head, ...rest] = p;
  if (head === 'metadata') return { file: 'metadata.json', field: joinField(rest) || undefined };
  if (head === 'description') return { file: 'metadata.json', field: 'description' };
  if (head === 'configYaml') return { file: 'config.yaml', field: undefined };
  if (head === 'metrics' && typeof rest[0] === 'number' && metrics[rest[0]]) {
    const m = metrics[rest[0]];
    const sub = rest.slice(1).filter((x) => x !== 'value' && x !== 'metric' && x !== 'unit');
    return { file: m.file, field: [m.field, ...sub.map(String)].join('.') };
  }
  if (head === 'artifacts' && typeof rest[0] === 'number' && artifacts[rest[0]]) {
    return { file: artifacts[rest[0]].path, field: joinField(rest.slice(1)) || undefined };
  }
  if (head === 'component' || head === 'architecture' || head === 'version' || head === 'releaseDate' || head === 'modelId') {
    return { file: 'metadata.json', field: `model_id (${head})` };
  }
  return { file: null, field: joinField(p) || undefined };
}

/** Server field errors ("metrics.3.metric") → file + field, using the same mapping. */
export function locateServerField(field: string, item: VersionItem): { file: string | null; field: string | undefined } {
  const parts = field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return locateField(parts, item.metricSources, item.body?.artifacts ?? []);
}

async function readArtifacts(folder: VersionFolder, item: VersionItem, hooks: { onHash?: (file: string) => void }): Promise<Artifact[]> {
  const file = (name: string) => rel(folder.rel, name);
  let files: string[] = [];
  const refused: { path: string; reason: string }[] = [];
  try {
    files = (await listFiles(folder.abs, refused)).filter((f) => !RESERVED_FILES.has(f));
  } catch (e) {
    item.problems.push({ path: folder.rel, reason: `cannot list files: ${(e as Error).message}` });
    return [];
  }
  // Reserved files that are links are reported where they are read (metadata.json, …).
  for (const r of refused) if (!RESERVED_FILES.has(r.path)) item.problems.push({ path: file(r.path), reason: r.reason });
  const out: Artifact[] = [];
  for (const f of files) {
    hooks.onHash?.(file(f));
    try {
      const h = await hashFile(path.join(folder.abs, f));
      out.push({ path: f, ...h });
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ELOOP' ? LINK_REASON : `cannot read: ${(e as Error).message}`;
      item.problems.push({ path: file(f), reason });
    }
  }

  const manifest = await readJson(path.join(folder.abs, 'artifacts.json'));
  if (!manifest.ok) {
    if (!manifest.missing) item.problems.push({ path: file('artifacts.json'), reason: manifest.reason });
    return out;
  }
  const list = isObject(manifest.value) && Array.isArray(manifest.value.artifacts) ? manifest.value.artifacts : manifest.value;
  if (!Array.isArray(list)) {
    item.problems.push({ path: file('artifacts.json'), reason: 'must be an array of { path, sha256, sizeBytes } (or { "artifacts": [...] })' });
    return out;
  }
  // The API's own artifact schema (lib/validation/model-version.ts): same rules, same messages.
  const whole = ArtifactListSchema.safeParse(list);
  if (!whole.success) {
    const listProblem = whole.error.issues.find((i) => i.path.length === 0);
    if (listProblem) item.problems.push({ path: file('artifacts.json'), reason: listProblem.message });
  }
  const present = new Map(out.map((a) => [a.path, a]));
  list.forEach((entry, i) => {
    const field = `[${i}]`;
    if (!isObject(entry)) return item.problems.push({ path: file('artifacts.json'), field, reason: 'must be an object { path, sha256, sizeBytes }' });
    const parsed = ArtifactInputSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return item.problems.push({ path: file('artifacts.json'), field: `${field}.${issue.path.map(String).join('.')}`, reason: issue.message });
    }
    const { path: p, sha256, sizeBytes } = parsed.data;
    const local = present.get(p);
    if (local) {
      if (local.sha256 !== sha256 || local.sizeBytes !== sizeBytes) {
        item.problems.push({ path: file(p), reason: `checksum mismatch: artifacts.json says sha256 ${sha256} (${sizeBytes} bytes), the file has ${local.sha256} (${local.sizeBytes} bytes)` });
      }
      return;
    }
    if (RESERVED_FILES.has(p)) return item.problems.push({ path: file('artifacts.json'), field: `${field}.path`, reason: `${p} is not an artifact` });
    present.set(p, { path: p, sha256, sizeBytes });
    out.push({ path: p, sha256, sizeBytes });
  });
  return out;
}

/** Read one parameter file into one item per record (or one rejected entry if the file is unusable). */
export async function readParameterFile(pf: ParameterFile): Promise<(ParameterItem | RejectedEntry)[]> {
  const read = await readJson(pf.abs);
  if (!read.ok) return [{ kind: 'entry', path: pf.rel, problems: [{ path: pf.rel, reason: read.reason }], warnings: [] }];
  const shape = ParameterFileSchema.safeParse(read.value);
  if (!shape.success) {
    return [{ kind: 'entry', path: pf.rel, problems: [{ path: pf.rel, reason: 'must be an array of parameter records or { "history": [...] }' }], warnings: [] }];
  }
  const records = Array.isArray(shape.data) ? shape.data : shape.data.history;
  const seen = new Map<string, { index: number; json: string }>();
  return records.map((record, index) => {
    const item: ParameterItem = {
      kind: 'parameter-set',
      path: pf.rel,
      index,
      parameterKind: pf.kind,
      parameterId: isObject(record) && typeof record.parameter_id === 'string' ? record.parameter_id : null,
      record: isObject(record) ? record : null,
      problems: [],
      warnings: [],
    };
    const at = (field?: string) => `[${index}]${field ? `.${field}` : ''}`;
    if (!isObject(record)) {
      item.problems.push({ path: pf.rel, field: at(), reason: 'must be an object (a parameter record)' });
      return item;
    }
    const checked = ParameterSetInputSchema.safeParse(record);
    if (!checked.success) {
      for (const issue of zodIssues(checked.error)) item.problems.push({ path: pf.rel, field: `[${index}]${issue.path.length ? `.${joinField(issue.path)}` : ''}`, reason: issue.message });
    }
    if (item.parameterId) {
      const kindFromId = item.parameterId.split('-')[0];
      if ((PARAMETER_KINDS as readonly string[]).includes(kindFromId) && kindFromId !== pf.kind) {
        item.problems.push({ path: pf.rel, field: at('parameter_id'), reason: `is a ${kindFromId} parameter set; it belongs in ${kindFromId}_parameters.json` });
      }
      const json = JSON.stringify(record);
      const prev = seen.get(item.parameterId);
      if (prev && prev.json !== json) {
        item.problems.push({ path: pf.rel, field: at('parameter_id'), reason: `duplicate parameter_id ${item.parameterId} with different content (first at [${prev.index}])` });
      } else if (!prev) seen.set(item.parameterId, { index, json });
    }
    return item;
  });
}

/** Scan and read everything (validation only; used by --dry-run and tests). */
export async function readTree(root: string, opts: ScanOptions = {}): Promise<{ items: Item[]; warnings: ItemProblem[] }> {
  const scan = await scanTree(root, opts);
  const items: Item[] = [...scan.rejected];
  const warnings = [...scan.warnings];
  for (const v of scan.versions) items.push(await readVersionFolder(v));
  for (const pf of scan.parameterFiles) items.push(...(await readParameterFile(pf)));
  return { items, warnings };
}

/** "path: field: reason" (fields that are indexes attach to the path: file.json[2].x). */
export function formatProblem(p: ItemProblem): string {
  if (!p.field) return `${p.path}: ${p.reason}`;
  return p.field.startsWith('[') ? `${p.path}${p.field}: ${p.reason}` : `${p.path}: ${p.field}: ${p.reason}`;
}
