// The Ed25519 key that signs audit checkpoints. It is never stored in the database: it comes from
// AUDIT_SIGNING_KEY (a PEM, or the path of a PEM file) or, for the embedded mode, from the key
// file `npm start` creates beside its data (.data/audit-signing-key.pem), as it does the auth
// secret. Someone who can write the database but not read this key cannot forge a checkpoint or
// the MAC of an event.
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_KEY_FILE = path.join('.data', 'audit-signing-key.pem');

export type SigningKey = {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 (hex) of the public key's SPKI DER encoding. */
  keyId: string;
  /** Derived secret for the per-event MAC (HMAC-SHA256). */
  macKey: Buffer;
};

/** A fresh Ed25519 private key as PKCS#8 PEM (start script, tests). */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

function fromPem(pem: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`AUDIT_SIGNING_KEY (${source}) is not a readable private key: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`AUDIT_SIGNING_KEY (${source}) must be an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    privateKey,
    publicKeyPem,
    keyId: publicKeyFingerprint(publicKeyPem),
    macKey: createHash('sha256').update('mgr-audit-event-mac\n').update(der).digest(),
  };
}

let cached: { source: string; key: SigningKey } | undefined;

/** Where the key comes from now: the variable's value, or the default key file if it exists. */
function keySource(): { source: string; pem: string } | null {
  const value = process.env.AUDIT_SIGNING_KEY?.trim();
  if (value) {
    if (value.startsWith('-----BEGIN')) return { source: 'environment', pem: value };
    if (!existsSync(value)) throw new Error(`AUDIT_SIGNING_KEY names a file that does not exist: ${value}`);
    return { source: value, pem: readFileSync(value, 'utf8') };
  }
  const file = path.resolve(process.cwd(), DEFAULT_KEY_FILE);
  if (existsSync(file)) return { source: file, pem: readFileSync(file, 'utf8') };
  return null;
}

/** The configured key, or null when none is configured. Throws on a key that is there but bad. */
export function signingKeyOrNull(): SigningKey | null {
  const src = keySource();
  if (!src) return null;
  const tag = `${src.source}:${src.pem.length}:${src.pem.slice(-40)}`;
  if (cached?.source !== tag) cached = { source: tag, key: fromPem(src.pem, src.source) };
  return cached.key;
}

export function signingKey(): SigningKey {
  const key = signingKeyOrNull();
  if (!key) {
    throw new Error(
      `no audit signing key: set AUDIT_SIGNING_KEY to an Ed25519 private key (PEM, or the path of a PEM file), or start with \`npm start\`, which creates ${DEFAULT_KEY_FILE}`,
    );
  }
  return key;
}

/** The public half (SPKI PEM) of the configured key: what auditors verify checkpoints with. */
export function publicKeyPem(): string {
  return signingKey().publicKeyPem;
}

/** HMAC-SHA256 (hex) of an event hash under the key's MAC secret. */
export function eventMac(key: SigningKey, hash: string): string {
  return createHmac('sha256', key.macKey).update(hash).digest('hex');
}
