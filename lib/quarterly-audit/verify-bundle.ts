import { createPublicKey, verify as edVerify } from 'node:crypto';
import { unzipSync } from 'fflate';
import { publicKeyFingerprint } from '../audit/signing-key';
import { CheckpointSchema, verifyEvents, type Checkpoint } from '../audit/verify-events';
import { ManifestSchema, sha256, type Manifest } from './bundle';

// Offline verification of a quarterly audit bundle: no server, no database. Checks, in order, that
// it is a readable zip with a manifest; that the manifest is signed by the bundle's key (and that
// key is the one the caller trusts, when given); that the events recompute from the start
// checkpoint to the end one and both checkpoints are signed by that key; and that every file has
// the SHA-256 the manifest records. Stops at, and names, the first thing that does not match.

export type BundleVerdict =
  | { ok: true; quarter: string; keyId: string; events: number; fromSeq: number; toSeq: number; headHash: string; files: number }
  | { ok: false; problem: string; file?: string; seq?: number };

const fail = (problem: string, where: { file?: string; seq?: number } = {}): BundleVerdict => ({ ok: false, problem, ...where });

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function verifyBundle(zip: Uint8Array, opts: { trustedPublicKeyPem?: string } = {}): BundleVerdict {
  if (zip.length < 22 || zip[0] !== 0x50 || zip[1] !== 0x4b) return fail('not a zip file');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (e) {
    return fail(`the zip cannot be read (truncated or damaged): ${e instanceof Error ? e.message : String(e)}`);
  }
  const manifestPath = Object.keys(entries).find((p) => /^docs\/audits\/\d{4}Q[1-4]\/manifest\.json$/.test(p));
  if (!manifestPath) return fail('no docs/audits/<quarter>/manifest.json in the zip: not a quarterly audit bundle');
  const root = manifestPath.slice(0, -'manifest.json'.length);
  const parsed = ManifestSchema.safeParse(parseJson(entries[manifestPath]));
  if (!parsed.success) return fail(`manifest.json is not a bundle manifest (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`, { file: manifestPath });
  const manifest: Manifest = parsed.data;
  const at = (p: string) => entries[`${root}${p}`];

  // The key: the bundle's own, which must be the trusted one when the caller names it.
  const pemBytes = at(manifest.publicKey);
  if (!pemBytes) return fail(`${manifest.publicKey} is missing`, { file: `${root}${manifest.publicKey}` });
  const pem = Buffer.from(pemBytes).toString('utf8');
  let keyId: string;
  try {
    keyId = publicKeyFingerprint(pem);
  } catch {
    return fail(`${manifest.publicKey} is not a readable public key`, { file: `${root}${manifest.publicKey}` });
  }
  if (opts.trustedPublicKeyPem) {
    let trusted: string;
    try {
      trusted = publicKeyFingerprint(opts.trustedPublicKeyPem);
    } catch {
      return fail('the trusted public key given is not a readable PEM public key');
    }
    if (trusted !== keyId) return fail(`signed by another key: the bundle's key is ${keyId.slice(0, 16)}…, the trusted key is ${trusted.slice(0, 16)}…`, { file: `${root}${manifest.publicKey}` });
  }
  if (manifest.keyId !== keyId) return fail(`signed by another key: the manifest names key ${manifest.keyId.slice(0, 16)}…, the bundle carries ${keyId.slice(0, 16)}…`, { file: manifestPath });
  const sig = at('manifest.sig');
  const sigOk = !!sig && edVerify(null, Buffer.from(entries[manifestPath]), createPublicKey(pem), Buffer.from(Buffer.from(sig).toString('utf8').trim(), 'base64'));
  if (!sigOk) return fail('manifest.json does not match its signature (manifest.sig): the manifest was changed or signed by another key', { file: manifestPath });

  // The chain between the two checkpoints.
  const startRaw = parseJson(at(manifest.checkpoints.start));
  const endRaw = parseJson(at(manifest.checkpoints.end));
  const start = startRaw === null ? null : CheckpointSchema.safeParse(startRaw);
  const end = CheckpointSchema.safeParse(endRaw);
  if (start && !start.success) return fail(`${manifest.checkpoints.start} is not a checkpoint`, { file: `${root}${manifest.checkpoints.start}` });
  if (!end.success) return fail(`${manifest.checkpoints.end} is not a checkpoint`, { file: `${root}${manifest.checkpoints.end}` });
  const from: Checkpoint | null = start ? (start.data as Checkpoint) : null;
  const events = at(manifest.events.file);
  if (!events) return fail(`${manifest.events.file} is missing`, { file: `${root}${manifest.events.file}` });
  const lines = Buffer.from(events).toString('utf8').split('\n');
  const chain = verifyEvents(lines, from, end.data as Checkpoint, pem);
  if (!chain.ok) return fail(`event #${chain.brokenSeq}${chain.line ? ` (line ${chain.line} of ${manifest.events.file})` : ''}: ${chain.reason}`, { file: `${root}${manifest.events.file}`, seq: chain.brokenSeq });

  // Every file against the manifest; nothing unlisted.
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const bytes = at(f.path);
    if (!bytes) return fail(`${f.path} is missing from the zip`, { file: `${root}${f.path}` });
    const actual = sha256(bytes);
    if (actual !== f.sha256) return fail(`${f.path} does not match the manifest: SHA-256 ${actual.slice(0, 16)}…, recorded ${f.sha256.slice(0, 16)}…`, { file: `${root}${f.path}` });
  }
  for (const p of Object.keys(entries)) {
    if (p.endsWith('/')) continue;
    const rel = p.startsWith(root) ? p.slice(root.length) : null;
    if (rel === 'manifest.json' || rel === 'manifest.sig') continue;
    if (rel === null || !listed.has(rel)) return fail(`${p} is not listed in the manifest`, { file: p });
  }
  return { ok: true, quarter: manifest.quarter, keyId, events: chain.count, fromSeq: chain.fromSeq, toSeq: chain.toSeq, headHash: chain.headHash, files: manifest.files.length };
}
