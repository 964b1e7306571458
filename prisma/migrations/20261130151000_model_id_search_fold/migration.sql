-- Search by a part of a model id (lib/queries/version-list-sql.ts): pg_trgm takes only letters and
-- digits into trigrams, so 'base-diffusion-1.2' gave the words base, diffusion, 1 and 2 — at
-- 100,000 versions 4,831 candidates whose rows had to be read and rechecked for 10 hits (twice: the
-- page and the total). The model id is indexed folded: lower case, '.' → 'q' and '-' → 'j', so the
-- punctuation of a version joins the trigrams ('1q2'). The folding maps character to character,
-- so every real match is a candidate; the search still rechecks model_id ILIKE the text itself, so
-- the answer is unchanged (decision record 023).
CREATE FUNCTION mgr_search_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT translate(lower($1), '.-', 'qj') $$;

CREATE INDEX "model_versions_model_id_fold_trgm" ON "model_versions" USING gin (mgr_search_fold("model_id") gin_trgm_ops);
DROP INDEX IF EXISTS "model_versions_model_id_trgm";
