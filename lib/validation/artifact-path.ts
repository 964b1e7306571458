import { z } from 'zod';

// An artifact's path, one rule for the API, the CLI's import (artifacts.json) and export → import:
// a relative POSIX path that stays inside the version folder, or a remote object's URI
// (s3://bucket/key, https://…) which names no local file at all.

export const ARTIFACT_PATH_MESSAGE =
  'must be a relative path inside the version folder (no .., no leading / or drive letter, no backslash, no empty or . segment)';

const URI_RE = /^[a-z][a-z0-9+.-]*:\/\/[^\s\\]+$/;
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

export function isSafeArtifactPath(p: string): boolean {
  if (!p || CONTROL_RE.test(p) || p.includes('\\')) return false;
  if (URI_RE.test(p)) return !p.split('/').some((s) => s === '..' || s === '.');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

export const artifactPath = z.string().min(1).max(1000).refine(isSafeArtifactPath, { message: ARTIFACT_PATH_MESSAGE });
