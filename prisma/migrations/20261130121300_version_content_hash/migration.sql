-- Issue 11: the content hash of what registered a version (SHA-256 of the canonical JSON of the
-- register body: metadata, config, artifacts' checksums, metrics). `mgr import` asks which
-- hashes the registry has in one request and sends only the versions whose content is new.
ALTER TABLE "model_versions" ADD COLUMN "content_hash" CHAR(64);
CREATE UNIQUE INDEX "model_versions_content_hash_key" ON "model_versions"("content_hash");
