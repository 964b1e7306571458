-- Stored report files may be kept compressed: `content` holds the file's bytes as they are
-- ('identity') or deflated ('deflate-raw', RFC 1951: the same bytes the bundle's zip entry holds).
-- `sha256` and `size_bytes` stay those of the file itself, as the audit event states them; reads
-- inflate before they answer (lib/quarterly-audit/queries.ts). At 10,000 versions the compliance
-- checklist is 8 MB of Markdown and deflates to a few hundred KB: carrying it through the ORM into
-- the snapshot's transaction was most of the time spent storing a snapshot.
-- Rows written before this migration are 'identity'. A new column with a constant default is a
-- catalogue change only: no row is rewritten, so the append-only triggers do not fire.
ALTER TABLE "quarterly_audit_files" ADD COLUMN "content_encoding" TEXT NOT NULL DEFAULT 'identity';
ALTER TABLE "quarterly_audit_files" ADD CONSTRAINT "quarterly_audit_files_content_encoding_check" CHECK ("content_encoding" IN ('identity', 'deflate-raw'));
