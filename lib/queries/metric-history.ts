import { requirePermission } from '../auth/permissions';
import type { ServiceContext } from '../context';
import type { MetricDirection } from '../generated/prisma/enums';

export type HistoryPoint = { versionId: string; modelId: string; version: string; releaseDate: string; x: number; y: number };

type Point = { id: string; model_id: string; version: string; release_date: string; value: number };
type Row = {
  comp_id: string; comp_key: string; comp_name: string; def_id: string; def_key: string; def_name: string; unit: string; direction: MetricDirection;
  n: number; stamp: string | null; points: Point[] | null;
};

type Series = { total: number; points: Point[] };
type Drawn = Series & { stamp: string };

/**
 * The series last drawn per database client, component, metric, scenario and budget, kept while
 * the component's history stamp (component_version_counts.history_stamp: a new random value
 * whenever one of its versions or their metric values changes, set by triggers in the same
 * transaction as the change; decision record 025) is the same. The version page of every version
 * of a component draws the same history, and the points are what costs: with a hit the read is
 * the one statement of index probes for the component, the metric and the stamp. Bounded (least
 * recently used first out); per client object, so a transaction's client never shares entries.
 */
const drawn = new WeakMap<object, Map<string, Drawn>>();
const DRAWN_MAX = 256;

function remembered(db: object, key: string): Drawn | undefined {
  return drawn.get(db)?.get(key);
}

/** Keeps (or refreshes) an entry as the most recently used, dropping the least recently used past the bound. */
function remember(db: object, key: string, series: Drawn) {
  let m = drawn.get(db);
  if (!m) drawn.set(db, (m = new Map()));
  m.delete(key);
  m.set(key, series);
  while (m.size > DRAWN_MAX) m.delete(m.keys().next().value!);
}

/** Forget every series drawn (benchmarks: the cost of drawing, not of remembering). */
export function forgetDrawnHistories(db: object) {
  drawn.delete(db);
}

/**
 * A metric across the versions of a component, in release order (then semver). Up to `maxPoints`
 * (default 200) versions: every one. Above: thinned in the database, not here — the release period
 * (its ends: two probes of the (component_id, release_date, major, minor, patch) index) is cut into
 * `maxPoints - 1` equal spans of days and each span answers its first version with a value (one
 * probe of that index and one of the metrics' unique index each), plus the last version with a
 * value; `total` is then the number of the component's versions, read from the count the
 * database keeps per component (component_version_counts, decision record 023). So the cost
 * follows the budget, not the size of the component: one statement, no scan of the component's
 * versions (scripts/bench.mts: "metric history"). Within the budget, a second statement reads
 * them all. Should the spans come out too few (versions crowded on a few dates), the series is cut
 * by rank instead (a second statement, one scan, still in the database).
 *
 * A series drawn before is answered again while the component's history stamp is unchanged
 * (`drawn` above): the statement reads the stamp first and skips the points when it is the one
 * the remembered series was drawn at, so the answer is never older than the database.
 */
export async function metricHistory(ctx: ServiceContext, component: string, metric: string, scenario = '', maxPoints = 200) {
  requirePermission(ctx.actor, 'read:registry');
  const budget = Math.max(3, Math.min(5000, Math.floor(maxPoints)));
  const spans = budget - 1;
  const key = JSON.stringify([component, metric, scenario, budget]);
  const known = remembered(ctx.db, key);
  // meta: the component, the metric, the count, the history stamp and the period's ends; pts: when
  // the component has more versions than the budget and the series remembered was drawn at
  // another stamp, the first version with a value per span, then the last one, as JSON in order.
  // Every read is an index probe: no part of the statement grows with the component.
  const [row] = await ctx.db.$queryRaw<Row[]>`
    WITH meta AS MATERIALIZED (
      SELECT c.id AS comp_id, c.key AS comp_key, c.name AS comp_name, d.id AS def_id, d.key AS def_key, d.name AS def_name, d.unit, d.direction,
             coalesce(k.versions, 0) AS n, k.history_stamp::text AS stamp,
             (SELECT v.release_date FROM model_versions v WHERE v.component_id = c.id ORDER BY v.release_date LIMIT 1) AS lo,
             (SELECT v.release_date FROM model_versions v WHERE v.component_id = c.id ORDER BY v.release_date DESC LIMIT 1) AS hi
      FROM components c CROSS JOIN metric_definitions d LEFT JOIN component_version_counts k ON k.component_id = c.id
      WHERE c.key = ${component} AND d.key = ${metric}
    ),
    todo AS MATERIALIZED (
      SELECT * FROM meta WHERE meta.n > ${budget}::int AND meta.stamp IS DISTINCT FROM ${known?.stamp ?? null}::text
    ),
    pts AS (
      SELECT g, f.* FROM todo CROSS JOIN generate_series(0, ${spans - 1}::int) AS g
      CROSS JOIN LATERAL (
        SELECT v.id, v.model_id, v.version, v.release_date, v.major, v.minor, v.patch, m.value
        FROM model_versions v JOIN metrics m ON m.version_id = v.id AND m.definition_id = todo.def_id AND m.scenario = ${scenario} AND m.language = ''
        WHERE v.component_id = todo.comp_id
          AND v.release_date >= todo.lo + ((todo.hi - todo.lo + 1) * g / ${spans}::int)
          AND v.release_date < todo.lo + ((todo.hi - todo.lo + 1) * (g + 1) / ${spans}::int)
        ORDER BY v.release_date, v.major, v.minor, v.patch LIMIT 1) f
      UNION ALL
      SELECT ${spans}::int, l.* FROM todo CROSS JOIN LATERAL (
        SELECT v.id, v.model_id, v.version, v.release_date, v.major, v.minor, v.patch, m.value
        FROM model_versions v JOIN metrics m ON m.version_id = v.id AND m.definition_id = todo.def_id AND m.scenario = ${scenario} AND m.language = ''
        WHERE v.component_id = todo.comp_id
        ORDER BY v.release_date DESC, v.major DESC, v.minor DESC, v.patch DESC LIMIT 1) l
    )
    SELECT meta.comp_id, meta.comp_key, meta.comp_name, meta.def_id, meta.def_key, meta.def_name, meta.unit, meta.direction, meta.n, meta.stamp,
           (SELECT json_agg(json_build_object('id', p.id, 'model_id', p.model_id, 'version', p.version, 'release_date', p.release_date, 'value', p.value)
                            ORDER BY p.g, p.release_date, p.major, p.minor, p.patch) FROM pts p) AS points
    FROM meta`;
  if (!row) return null;
  let series: Series;
  if (known && row.stamp === known.stamp) {
    series = known;
  } else if (row.n <= budget) {
    // A component within the budget: every version with a value (a second statement, of at most `budget` rows).
    const points = await ctx.db.$queryRaw<Point[]>`
      SELECT v.id, v.model_id, v.version, to_char(v.release_date, 'YYYY-MM-DD') AS release_date, m.value
      FROM model_versions v JOIN metrics m ON m.version_id = v.id AND m.definition_id = ${row.def_id} AND m.scenario = ${scenario} AND m.language = ''
      WHERE v.component_id = ${row.comp_id}
      ORDER BY v.release_date, v.major, v.minor, v.patch`;
    series = { total: points.length, points };
  } else {
    let points = (row.points ?? []).filter((p, i, all) => i === 0 || p.id !== all[i - 1].id); // the last version can be its span's first
    if (points.length < budget / 2) points = await byRank(ctx, row, scenario, budget);
    series = { total: row.n, points };
  }
  // Under the stamp read in this statement (a later change gives the component a new one); a hit
  // is kept as the most recently used. No stamp (a component without versions): nothing to remember.
  if (row.stamp !== null) remember(ctx.db, key, { ...series, stamp: row.stamp });
  const { points, total } = series;
  return {
    component: { id: row.comp_id, key: row.comp_key, name: row.comp_name },
    metric: { id: row.def_id, key: row.def_key, name: row.def_name, unit: row.unit, direction: row.direction },
    scenario,
    total,
    downsampled: points.length < total,
    points: points.map(
      (p, i): HistoryPoint => ({
        versionId: p.id,
        modelId: p.model_id,
        version: p.version,
        releaseDate: p.release_date.slice(0, 10),
        x: i, // the rank in the series shown (several versions can share a release date)
        y: p.value,
      }),
    ),
  };
}

/** The first version of each of `budget` equal runs of the series by rank (versions crowded on few dates). */
function byRank(ctx: ServiceContext, row: Row, scenario: string, budget: number): Promise<Point[]> {
  return ctx.db.$queryRaw<Point[]>`
    SELECT id, model_id, version, to_char(release_date, 'YYYY-MM-DD') AS release_date, value FROM (
      SELECT v.id, v.model_id, v.version, v.release_date, m.value, v.major, v.minor, v.patch,
             row_number() OVER w AS r, count(*) OVER () AS n
      FROM model_versions v JOIN metrics m ON m.version_id = v.id AND m.definition_id = ${row.def_id} AND m.scenario = ${scenario} AND m.language = ''
      WHERE v.component_id = ${row.comp_id}
      WINDOW w AS (ORDER BY v.release_date, v.major, v.minor, v.patch)
    ) s
    WHERE r = 1 OR r = n OR (r - 1) * ${budget - 2}::int / n <> r * ${budget - 2}::int / n
    ORDER BY release_date, major, minor, patch`;
}

/**
 * Of `keys`, the metrics the component has an overall value for on at least two versions (a line
 * to draw), in the order given: the version page offers only these for its history chart. Per
 * metric, the component's versions are probed until two have a value (LIMIT 2), not all counted:
 * grouping every value of the component took 1.3 s at 100,000 versions (25,000 of the component).
 */
export async function historyMetricKeys(ctx: ServiceContext, component: string, keys: readonly string[]): Promise<string[]> {
  requirePermission(ctx.actor, 'read:registry');
  const rows = await ctx.db.$queryRaw<{ key: string }[]>`
    SELECT d.key FROM components c CROSS JOIN metric_definitions d
    WHERE c.key = ${component} AND d.key = ANY(${[...keys]}::text[])
      AND (SELECT count(*) FROM (
             SELECT 1 FROM model_versions v JOIN metrics m ON m.version_id = v.id AND m.definition_id = d.id AND m.scenario = '' AND m.language = ''
             WHERE v.component_id = c.id LIMIT 2) two) = 2`;
  const have = new Set(rows.map((r) => r.key));
  return keys.filter((k) => have.has(k));
}
