import { z } from 'zod';
import { CONTENT_HASH_RE } from '../domain/content-hash';

/** Versions per POST /api/v1/imports (one transaction each). */
export const MAX_IMPORT_BATCH = 500;
export const MAX_KNOWN_HASHES = 10_000;

/** A batch of register bodies; each is checked on its own (RegisterVersionSchema) so one bad version is reported, not fatal. */
export const ImportBatchSchema = z.object({
  versions: z.array(z.unknown()).min(1).max(MAX_IMPORT_BATCH, { message: `at most ${MAX_IMPORT_BATCH} versions per request` }),
});

export const KnownHashesQuerySchema = z.object({
  hashes: z.array(z.string().regex(CONTENT_HASH_RE, { message: 'must be a SHA-256 content hash (64 lowercase hex characters)' })).max(MAX_KNOWN_HASHES),
});
