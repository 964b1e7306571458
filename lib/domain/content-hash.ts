import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical';

/**
 * The content hash of a version's register body (RFC 8785 canonical JSON, SHA-256): the same for
 * the same metadata, config, artifacts' checksums, metrics and flags, whatever the key order.
 * The registry stores it with the version it registered; `mgr import` computes it for each version
 * folder and sends only the folders whose hash the registry does not know (issue 11).
 */
export function versionContentHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export const CONTENT_HASH_RE = /^[0-9a-f]{64}$/;
