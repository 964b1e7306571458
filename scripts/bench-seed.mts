// The bench's data (scripts/bench.mts): versions of four components with artifacts, a transition
// and 100 metric rows each, laid down server-side with INSERT … SELECT over generate_series (bench
// data, not a story: the services are not involved). 10k versions → 1M metric rows; 100k → 10M.
import pg from 'pg';

export const COMPONENTS = ['base', 'residual', 'super-res', 'fact-check'];

/**
 * Versions n ∈ [from, to) of every component, with artifacts, transitions and 100 metric rows each
 * (4 metrics × 5 scenarios incl. overall × 5 languages incl. all): 10k versions → 1M metrics.
 * Semantic versions major.minor.patch = n/100 . (n/10)%10 . n%10, so text order ≠ semver order.
 */
export async function seedRange(c: pg.Client, from: number, to: number) {
  await c.query('BEGIN');
  await c.query(
    `INSERT INTO model_versions (id, model_id, component_id, architecture, version, major, minor, patch, release_date, description,
       metadata, config_yaml, git_commit, git_branch, commit_message, tags, status, status_changed_at, created_at, updated_at)
     SELECT 'bv_' || c.key || '_' || n,
            'pib-vg-' || c.key || '-diffusion-' || (n / 100) || '.' || ((n / 10) % 10) || '.' || (n % 10) || '-' || to_char(DATE '2015-01-01' + n, 'YYYYMMDD'),
            c.id, 'diffusion', (n / 100) || '.' || ((n / 10) % 10) || '.' || (n % 10), n / 100, (n / 10) % 10, n % 10,
            DATE '2015-01-01' + n,
            c.name || ' model ' || n || CASE WHEN n % 97 = 0 THEN ' with a needle for search' ELSE ' with improved temporal consistency' END,
            jsonb_build_object('architecture', jsonb_build_object('type', 'diffusion', 'layers', 24), 'authors', jsonb_build_array('Bench')),
            E'model:\\n  layers: 24\\n  heads: 16\\n',
            substr(md5(c.key || n), 1, 40),
            CASE WHEN n % 50 = 0 THEN 'hotfix/bench-' || n WHEN n % 10 = 0 THEN 'release/v' || n ELSE 'feature/bench' END,
            '[' || upper(c.key) || '] TUNE: bench change ' || n || E'\\n\\nBody.\\n\\nPerformance impact: -3% on FVD, +1% on temporal coherence\\nReviewed-by: Bench',
            CASE WHEN n % 50 = 0 THEN ARRAY['emergency'] WHEN n % 333 = 0 THEN ARRAY['critical-issue'] ELSE ARRAY[]::text[] END,
            (ARRAY['development','testing','staging','deprecated','archived'])[1 + n % 5]::"VersionStatus",
            now(), now(), now()
     FROM components c CROSS JOIN generate_series($1::int, $2::int - 1) AS n
     WHERE c.key = ANY($3)`,
    [from, to, COMPONENTS],
  );
  await c.query(
    `INSERT INTO artifacts (id, version_id, path, sha256, size_bytes)
     SELECT v.id || '_' || p.path, v.id, p.path, md5(v.id || p.path) || md5(p.path || v.id), p.size
     FROM model_versions v CROSS JOIN (VALUES ('model.pt', 5000000000::bigint), ('config.yaml', 1874::bigint)) AS p(path, size)
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query(
    `INSERT INTO status_transitions (id, version_id, from_status, to_status, reason, actor_label, at)
     SELECT v.id || '_t0', v.id, NULL, 'development', 'registered', 'bench', now() FROM model_versions v
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query(
    `INSERT INTO metrics (id, version_id, definition_id, scenario, language, value, recorded_at)
     SELECT v.id || '_' || d.key || '_' || s.s || '_' || l.l, v.id, d.id, s.s, l.l,
            CASE d.key
              WHEN 'fvd' THEN 150 + 100 * random()
              WHEN 'is' THEN 50 + 30 * random()
              WHEN 'temporal_coherence' THEN 0.8 + 0.19 * random()
              ELSE 1 + 3 * random() END,
            now()
     FROM model_versions v
     CROSS JOIN metric_definitions d
     CROSS JOIN (VALUES (''), ('policy_briefing'), ('emergency_alert'), ('instructional'), ('public_service')) AS s(s)
     CROSS JOIN (VALUES (''), ('en'), ('hi'), ('ta'), ('bn')) AS l(l)
     WHERE v.id LIKE 'bv\\_%' AND v.major * 100 + v.minor * 10 + v.patch >= $1 AND v.major * 100 + v.minor * 10 + v.patch < $2`,
    [from, to],
  );
  await c.query('COMMIT');
}

/** Versions per component already laid down in the database (0 for a new one). */
export async function seededPerComponent(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM model_versions WHERE id LIKE 'bv\\_base\\_%'`);
  return r.rows[0].n;
}

/** Grow every component to `perComponent` versions (chunks of one transaction each), then VACUUM ANALYZE. */
export async function growTo(c: pg.Client, perComponent: number, log: (m: string) => void): Promise<void> {
  const have = await seededPerComponent(c);
  if (have >= perComponent) return;
  const chunk = perComponent > 5_000 ? 1_000 : 250;
  for (let from = have; from < perComponent; from += chunk) {
    await seedRange(c, from, Math.min(perComponent, from + chunk));
    if (perComponent > 5_000 && (from / chunk) % 5 === 4) log(`  seeded ${Math.min(perComponent, from + chunk) * COMPONENTS.length} versions`);
  }
  await c.query('VACUUM ANALYZE');
}
