-- Case-insensitive substring search (ILIKE '%q%') over model ids, descriptions and commit
-- messages uses trigram indexes instead of scanning every version. pg_trgm is a trusted
-- extension (no superuser needed); the embedded database (PGlite) loads it too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX IF NOT EXISTS "model_versions_model_id_trgm" ON "model_versions" USING gin ("model_id" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "model_versions_description_trgm" ON "model_versions" USING gin ("description" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "model_versions_commit_message_trgm" ON "model_versions" USING gin ("commit_message" gin_trgm_ops);
