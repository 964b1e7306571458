import { readRows, type Db } from '../db';
import { orderDefinitions, type MetricDefinitionInfo } from '../domain/metrics';
import { Prisma } from '../generated/prisma/client';
import type { VersionStatus } from '../generated/prisma/enums';
import { versionRefSql } from '../data/version-ref';
import type { CoreRow, PreviousVersion } from './version-core';
import type { MetricRow, VersionArtifact, VersionTests } from './version-slices';

// GET /api/v1/versions/{ref} in one SQL statement (decision record 017): the version's row, the
// previous version by semver, the metric definitions, the version's values and the previous
// version's overall values, the latest 100 test runs, the artifacts and the status changes — the
// same reads the Prisma slices make in eight statements (lib/queries/version-core.ts,
// version-slices.ts), each in the same order. The read model is then built by the same functions
// (versionCoreOf, versionMetricsOf); test/integration/version-page-reads.test.ts pins the answer
// to the Prisma reading on every field.

/** Timestamps come back as ISO text inside JSON; dates (release_date) as YYYY-MM-DD (UTC midnight, as Prisma reads them). */
const at = (s: string) => new Date(s);
const atOrNull = (s: string | null) => (s === null ? null : new Date(s));

type Json<T> = T extends Date ? string : T extends bigint ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

type CoreJson = Omit<Json<CoreRow>, 'metadata'> & { metadata: Prisma.JsonValue };
type Row = {
  core: CoreJson;
  previous: Json<PreviousVersion> | null;
  defs: MetricDefinitionInfo[];
  metrics: Json<MetricRow>[] | null;
  previous_values: Record<string, number> | null;
  tests: Json<VersionTests['runs'][number]>[] | null;
  artifacts: { id: string; path: string; sha256: string; sizeBytesText: string; createdAt: string }[] | null;
  transitions: { id: string; fromStatus: VersionStatus | null; toStatus: VersionStatus; reason: string; actorLabel: string; requestId: string | null; at: string; actorName: string | null }[] | null;
};

export type VersionApiRows = {
  core: CoreRow;
  previous: PreviousVersion | null;
  defs: MetricDefinitionInfo[];
  metrics: MetricRow[];
  previousValues: Record<string, number>;
  tests: VersionTests['runs'];
  artifacts: VersionArtifact[];
  transitions: { id: string; fromStatus: VersionStatus | null; toStatus: VersionStatus; reason: string; actorLabel: string; requestId: string | null; at: Date; actorName: string | null }[];
};

/** Everything the API's detail of one version sends, read in one statement; null when the reference names no version. */
export async function readVersionApiRows(db: Db, ref: string): Promise<VersionApiRows | null> {
  // readRows: a plain pg pool beside the ORM's (every column is JSON, parsed alike either way).
  const rows = await readRows<Row>(db, Prisma.sql`
    WITH v AS (
      SELECT mv.*, c.key AS c_key, c.name AS c_name, c.folder AS c_folder, u.name AS u_name, u.email AS u_email
      FROM (SELECT * FROM model_versions WHERE ${versionRefSql(ref)}) mv
      JOIN components c ON c.id = mv.component_id
      LEFT JOIN users u ON u.id = mv.registered_by_id
    ), prev AS (
      -- LATERAL: the version's component and semver bound the index scan of the unique index
      -- (component_id, major, minor, patch), read backwards from the version. As a plain join the
      -- planner walked a whole index to find it (2.9 of 3.7 ms at 10k).
      SELECT p.* FROM v CROSS JOIN LATERAL (
        SELECT w.id, w.model_id, w.version, w.status, w.release_date
        FROM model_versions w
        WHERE w.component_id = v.component_id AND (w.major, w.minor, w.patch) < (v.major, v.minor, v.patch)
        ORDER BY w.component_id DESC, w.major DESC, w.minor DESC, w.patch DESC
        LIMIT 1
      ) p
    )
    SELECT
      json_build_object(
        'id', v.id, 'modelId', v.model_id, 'componentId', v.component_id,
        'component', json_build_object('key', v.c_key, 'name', v.c_name, 'folder', v.c_folder),
        'architecture', v.architecture, 'version', v.version, 'major', v.major, 'minor', v.minor, 'patch', v.patch,
        'releaseDate', v.release_date, 'description', v.description, 'metadata', v.metadata, 'configYaml', v.config_yaml,
        'gitCommit', v.git_commit, 'gitBranch', v.git_branch, 'commitMessage', v.commit_message, 'tags', v.tags,
        'status', v.status, 'statusChangedAt', v.status_changed_at, 'monitoringUntil', v.monitoring_until,
        'backportCommit', v.backport_commit, 'backportedAt', v.backported_at, 'createdAt', v.created_at,
        'registeredBy', CASE WHEN v.registered_by_id IS NULL OR v.u_name IS NULL THEN NULL ELSE json_build_object('name', v.u_name, 'email', v.u_email) END
      ) AS core,
      (SELECT json_build_object('id', p.id, 'modelId', p.model_id, 'version', p.version, 'status', p.status, 'releaseDate', p.release_date) FROM prev p) AS previous,
      (SELECT coalesce(json_agg(json_build_object('id', d.id, 'key', d.key, 'name', d.name, 'unit', d.unit, 'direction', d.direction)), '[]') FROM metric_definitions d) AS defs,
      (SELECT json_agg(json_build_object('definitionId', m.definition_id, 'scenario', m.scenario, 'language', m.language, 'value', m.value, 'recordedAt', m.recorded_at) ORDER BY m.scenario, m.language)
         FROM metrics m WHERE m.version_id = v.id) AS metrics,
      (SELECT json_object_agg(d.key, m.value) FROM prev p JOIN metrics m ON m.version_id = p.id AND m.scenario = '' AND m.language = '' JOIN metric_definitions d ON d.id = m.definition_id) AS previous_values,
      (SELECT json_agg(json_build_object('id', t.id, 'suite', t.suite, 'passed', t.passed, 'failed', t.failed, 'skipped', t.skipped, 'ciRunUrl', t.ci_run_url, 'runAt', t.run_at) ORDER BY t.recorded_at DESC, t.id DESC)
         FROM (SELECT * FROM test_results WHERE version_id = v.id ORDER BY recorded_at DESC, id DESC LIMIT 100) t) AS tests,
      (SELECT json_agg(json_build_object('id', a.id, 'path', a.path, 'sha256', a.sha256, 'sizeBytesText', a.size_bytes::text, 'createdAt', a.created_at) ORDER BY a.path)
         FROM artifacts a WHERE a.version_id = v.id) AS artifacts,
      (SELECT json_agg(json_build_object('id', s.id, 'fromStatus', s.from_status, 'toStatus', s.to_status, 'reason', s.reason, 'actorLabel', s.actor_label, 'requestId', s.request_id, 'at', s.at, 'actorName', u.name) ORDER BY s.at, s.id)
         FROM status_transitions s LEFT JOIN users u ON u.id = s.actor_id WHERE s.version_id = v.id) AS transitions
    FROM v`);
  const r = rows[0];
  if (!r) return null;
  const c = r.core;
  const core: CoreRow = {
    ...c,
    releaseDate: at(c.releaseDate),
    statusChangedAt: at(c.statusChangedAt),
    monitoringUntil: atOrNull(c.monitoringUntil),
    backportedAt: atOrNull(c.backportedAt),
    createdAt: at(c.createdAt),
  };
  return {
    core,
    previous: r.previous && { ...r.previous, releaseDate: at(r.previous.releaseDate) },
    defs: orderDefinitions(r.defs),
    metrics: (r.metrics ?? []).map((m) => ({ ...m, recordedAt: at(m.recordedAt) })),
    previousValues: r.previous_values ?? {},
    tests: (r.tests ?? []).map((t) => ({ ...t, runAt: at(t.runAt) })),
    artifacts: (r.artifacts ?? []).map(({ sizeBytesText, ...a }) => ({ ...a, sizeBytes: Number(sizeBytesText), sizeBytesText, createdAt: at(a.createdAt) })),
    transitions: (r.transitions ?? []).map((t) => ({ ...t, at: at(t.at) })),
  };
}
