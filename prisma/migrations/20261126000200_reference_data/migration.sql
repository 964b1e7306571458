-- Reference data every registry needs (not demo data): the seed's four components, the metric
-- definitions with their directions, default thresholds, and governance settings.

INSERT INTO "components" ("id", "key", "folder", "name", "description") VALUES
  ('cmp_base', 'base', 'base', 'Base', 'Base noise generator'),
  ('cmp_residual', 'residual', 'residual', 'Residual', 'Residual noise model'),
  ('cmp_super_res', 'super-res', 'super_resolution', 'Super-resolution', 'Spatial and temporal super-resolution'),
  ('cmp_fact_check', 'fact-check', 'fact_checking', 'Fact-checking', 'Fact-checking of generated content')
ON CONFLICT DO NOTHING;

INSERT INTO "metric_definitions" ("id", "key", "name", "unit", "direction", "description") VALUES
  ('met_fvd', 'fvd', 'FVD', '', 'lower_is_better', 'Fréchet Video Distance: lower is better'),
  ('met_is', 'is', 'Inception Score', '', 'higher_is_better', 'Inception Score: higher is better'),
  ('met_tc', 'temporal_coherence', 'Temporal coherence', '', 'higher_is_better', 'Frame-to-frame consistency, 0–1'),
  ('met_gt', 'generation_time', 'Generation time', 's/frame', 'lower_is_better', 'Seconds to generate one frame')
ON CONFLICT DO NOTHING;

-- "Meets performance metrics": thresholds per component (admins change them in settings).
INSERT INTO "metric_requirements" ("id", "component_id", "definition_id", "threshold", "max_regression_pct") VALUES
  ('req_base_fvd', 'cmp_base', 'met_fvd', 250, NULL),
  ('req_base_tc', 'cmp_base', 'met_tc', 0.85, NULL),
  ('req_res_fvd', 'cmp_residual', 'met_fvd', 250, NULL),
  ('req_res_tc', 'cmp_residual', 'met_tc', 0.85, NULL),
  ('req_sr_fvd', 'cmp_super_res', 'met_fvd', 250, NULL),
  ('req_sr_gt', 'cmp_super_res', 'met_gt', 5, NULL),
  ('req_fc_is', 'cmp_fact_check', 'met_is', 50, NULL)
ON CONFLICT DO NOTHING;

INSERT INTO "settings" ("key", "value", "updated_at") VALUES
  ('quorum', '{"mode": "majority"}', now()),
  ('regression_tolerance_pct', '5', now()),
  ('grace_period_days', '90', now()),
  ('rca_due_hours', '24', now()),
  ('ratification_due_days', '7', now()),
  ('monitoring_days', '14', now()),
  ('rai_max_language_disparity', '0.1', now())
ON CONFLICT DO NOTHING;
