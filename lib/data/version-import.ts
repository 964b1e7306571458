import type { Db, Tx } from '../db';
import type { ArtifactChecksum } from '../domain/artifact-diff';
import { bulkInsert, CAST, newCuid } from './bulk-insert';

// Reads of a bulk import (lib/services/import-versions.ts): one statement each, whatever the
// batch size. No rules here.

export type RegisteredForImport = {
  id: string;
  modelId: string;
  componentId: string;
  major: number;
  minor: number;
  patch: number;
  contentHash: string | null;
  artifacts: ArtifactChecksum[];
};

/** The registered versions that have one of these model ids or component × semver, with their artifacts. */
export async function findRegisteredForImport(
  tx: Tx,
  keys: { modelId: string; componentId: string; major: number; minor: number; patch: number }[],
): Promise<RegisteredForImport[]> {
  if (!keys.length) return [];
  const rows = await tx.$queryRaw<
    { id: string; model_id: string; component_id: string; major: number; minor: number; patch: number; content_hash: string | null; artifacts: { path: string; sha256: string; sizeBytes: number }[] }[]
  >`
    SELECT v.id, v.model_id, v.component_id, v.major, v.minor, v.patch, v.content_hash,
           COALESCE((SELECT json_agg(json_build_object('path', a.path, 'sha256', a.sha256, 'sizeBytes', a.size_bytes))
                     FROM artifacts a WHERE a.version_id = v.id), '[]'::json) AS artifacts
    FROM model_versions v
    WHERE v.model_id = ANY(${keys.map((k) => k.modelId)}::text[])
       OR (v.component_id, v.major, v.minor, v.patch) IN (
            SELECT * FROM unnest(${keys.map((k) => k.componentId)}::text[], ${keys.map((k) => k.major)}::int[],
                                 ${keys.map((k) => k.minor)}::int[], ${keys.map((k) => k.patch)}::int[]))`;
  return rows.map((r) => ({
    id: r.id,
    modelId: r.model_id,
    componentId: r.component_id,
    major: r.major,
    minor: r.minor,
    patch: r.patch,
    contentHash: r.content_hash,
    artifacts: r.artifacts.map((a) => ({ path: a.path, sha256: a.sha256, sizeBytes: Number(a.sizeBytes) })),
  }));
}

/** Which of these content hashes belong to a registered version. */
export async function knownContentHashes(db: Db | Tx, hashes: string[]): Promise<string[]> {
  if (!hashes.length) return [];
  const rows = await db.$queryRaw<{ content_hash: string }[]>`
    SELECT content_hash FROM model_versions WHERE content_hash = ANY(${hashes}::text[])`;
  return rows.map((r) => r.content_hash);
}

/** What insertImportedVersions writes for one version (the rows registerModelVersion writes, built by the same functions). */
export type ImportedVersionRows = {
  version: {
    modelId: string;
    componentId: string;
    architecture: string;
    version: string;
    major: number;
    minor: number;
    patch: number;
    releaseDate: Date;
    description: string;
    metadata: object;
    configYaml: string;
    gitCommit: string | null;
    gitBranch: string | null;
    commitMessage: string | null;
    tags: string[];
    status: 'development';
    contentHash: string;
    registeredById: string | null;
    statusChangedAt: Date;
    createdAt: Date;
  };
  artifacts: { path: string; sha256: string; sizeBytes: bigint }[];
  transition: { fromStatus: null; toStatus: 'development'; reason: string; actorId: string | null; actorLabel: string; at: Date };
  metrics: { definitionId: string; scenario: string; language: string; value: number; recordedAt: Date }[];
};

/**
 * Insert a batch of new versions with their artifacts, registration transition and metrics: four
 * statements whatever the batch size (lib/data/bulk-insert.ts), where Prisma's createMany took
 * ~0.3 ms of query-engine time per row. Returns the new ids by model id.
 */
export async function insertImportedVersions(tx: Tx, items: ImportedVersionRows[]): Promise<Map<string, string>> {
  const idOf = new Map<string, string>();
  if (!items.length) return idOf;
  const updatedAt = new Date(); // what Prisma's @updatedAt writes on create
  const ids = items.map((i) => {
    const id = newCuid();
    idOf.set(i.version.modelId, id);
    return id;
  });
  const col = (name: string, cast: string = CAST.text) => ({ name, cast });
  await bulkInsert(
    tx,
    'model_versions',
    [
      col('id'), col('model_id'), col('component_id'), col('architecture'), col('version'), col('major', CAST.int), col('minor', CAST.int),
      col('patch', CAST.int), col('release_date', CAST.date), col('description'), col('metadata', CAST.jsonb), col('config_yaml'),
      col('git_commit'), col('git_branch'), col('commit_message'), col('tags', CAST.textArray), col('status', CAST.enumOf('VersionStatus')),
      col('content_hash'), col('registered_by_id'), col('status_changed_at', CAST.timestamptz), col('created_at', CAST.timestamptz),
      col('updated_at', CAST.timestamptz),
    ],
    items.map(({ version: v }, i) => [
      ids[i], v.modelId, v.componentId, v.architecture, v.version, v.major, v.minor, v.patch, v.releaseDate.toISOString().slice(0, 10),
      v.description, JSON.stringify(v.metadata), v.configYaml, v.gitCommit, v.gitBranch, v.commitMessage, JSON.stringify(v.tags), v.status,
      v.contentHash, v.registeredById, v.statusChangedAt, v.createdAt, updatedAt,
    ]),
  );
  await bulkInsert(
    tx,
    'artifacts',
    [col('id'), col('version_id'), col('path'), col('sha256'), col('size_bytes', CAST.bigint)],
    items.flatMap((item, i) => item.artifacts.map((a) => [newCuid(), ids[i], a.path, a.sha256, a.sizeBytes])),
  );
  await bulkInsert(
    tx,
    'status_transitions',
    [col('id'), col('version_id'), col('from_status', CAST.enumOf('VersionStatus')), col('to_status', CAST.enumOf('VersionStatus')), col('reason'), col('actor_id'), col('actor_label'), col('at', CAST.timestamptz)],
    items.map(({ transition: t }, i) => [newCuid(), ids[i], t.fromStatus, t.toStatus, t.reason, t.actorId, t.actorLabel, t.at]),
  );
  await insertMetricRows(tx, items.flatMap((item, i) => item.metrics.map((m) => ({ versionId: ids[i], ...m }))));
  return idOf;
}

/**
 * Metric rows in one statement, values sent as text so PostgreSQL parses the exact double
 * (Prisma rounds a number parameter to ~15 significant digits: prisma/orm#11096). Used by bulk
 * import and by every single registration or metrics report (lib/services/add-metrics.ts).
 */
export async function insertMetricRows(tx: Tx, rows: { versionId: string; definitionId: string; scenario: string; language: string; value: number; recordedAt: Date }[]): Promise<number> {
  return bulkInsert(
    tx,
    'metrics',
    [
      { name: 'id', cast: CAST.text }, { name: 'version_id', cast: CAST.text }, { name: 'definition_id', cast: CAST.text }, { name: 'scenario', cast: CAST.text },
      { name: 'language', cast: CAST.text }, { name: 'value', cast: CAST.float }, { name: 'recorded_at', cast: CAST.timestamptz },
    ],
    rows.map((m) => [newCuid(), m.versionId, m.definitionId, m.scenario, m.language, m.value, m.recordedAt]),
  );
}
