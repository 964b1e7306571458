import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computeEventHash, eventToCanonicalLine, GENESIS_HASH, type AuditEventRecord } from '../audit/event-hash';
import { publicKeyFingerprint } from '../audit/signing-key';
import { checkpointPayload, type Checkpoint } from '../audit/verify-events';
import { buildBundle } from './bundle';
import { verifyBundle } from './verify-bundle';

// A bundle made here from a chain of 8 synthetic events signed with a throwaway key; then every
// kind of damage an outside auditor might meet.

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, pem, keyId: publicKeyFingerprint(pem) };
}
const key = keyPair();

function chain(n: number): AuditEventRecord[] {
  const out: AuditEventRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const t = new Date(Date.UTC(2023, 3, seq)).toISOString();
    const body = { seq, v: 2, occurredAt: t, recordedAt: t, actorType: 'user', actorId: `u${seq}`, actorLabel: `user${seq}@demo.local`, action: 'version.transition', entityType: 'model_version', entityId: `v${seq}`, change: { to: 'testing', n: seq } };
    const hash = computeEventHash(prev, body);
    out.push({ ...body, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function checkpoint(e: AuditEventRecord, k = key): Checkpoint {
  const statement = { seq: e.seq, hash: e.hash, at: e.recordedAt, reason: 'test', keyId: k.keyId };
  return { ...statement, signature: sign(null, checkpointPayload(statement), k.privateKey).toString('base64') };
}

function bundle(k = key) {
  const events = chain(8);
  return buildBundle({
    quarter: '2023Q2', generatedAt: '2023-07-01T00:00:00.000Z', chainHead: { seq: 8, hash: events[7].hash },
    files: [
      { name: 'model_audit_report.pdf', content: Buffer.from('%PDF-1.7 fake report') },
      { name: 'parameter_changes.json', content: Buffer.from('{"changes":[]}\n') },
      { name: 'compliance_checklist.md', content: Buffer.from('# Compliance checklist\n') },
    ],
    eventLines: events.slice(2).map((e) => eventToCanonicalLine(e)), eventsInQuarter: 6,
    startCheckpoint: checkpoint(events[1], k), endCheckpoint: checkpoint(events[7], k), publicKeyPem: k.pem, keyId: k.keyId,
    sign: (bytes) => sign(null, bytes, k.privateKey).toString('base64'),
  }).zip;
}

/** Rewrite one entry of the zip (as someone editing the bundle would), keeping the rest. */
function tamper(zip: Buffer, entry: string, edit: (b: Buffer) => Buffer): Buffer {
  const files = unzipSync(zip);
  const p = `docs/audits/2023Q2/${entry}`;
  expect(files[p]).toBeDefined();
  files[p] = new Uint8Array(edit(Buffer.from(files[p])));
  return Buffer.from(zipSync(files));
}
const flipByte = (at: number) => (b: Buffer) => {
  const c = Buffer.from(b);
  c[at % c.length] ^= 0x01;
  return c;
};

describe('verifyBundle (offline)', () => {
  it('accepts an untouched bundle and reports the range and the key', () => {
    const v = verifyBundle(bundle(), { trustedPublicKeyPem: key.pem });
    expect(v).toMatchObject({ ok: true, quarter: '2023Q2', events: 6, fromSeq: 2, toSeq: 8, keyId: key.keyId, files: 7 });
  });

  it('names the file whose byte changed', () => {
    for (const name of ['model_audit_report.pdf', 'parameter_changes.json', 'compliance_checklist.md']) {
      const v = verifyBundle(tamper(bundle(), name, flipByte(5)));
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.problem).toContain(`${name} does not match the manifest`);
    }
  });

  it('names the first event whose byte changed, whichever event it is', () => {
    const lines = chain(8).slice(2).map((e) => eventToCanonicalLine(e));
    for (let i = 0; i < lines.length; i++) {
      const offset = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0) + lines[i].indexOf('user') + 1;
      const v = verifyBundle(tamper(bundle(), 'evidence/events.jsonl', flipByte(offset)));
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.seq).toBe(i + 3);
    }
  });

  it('catches a deleted last event, a changed manifest and a changed checkpoint', () => {
    const dropLast = verifyBundle(tamper(bundle(), 'evidence/events.jsonl', (b) => Buffer.from(b.toString().trimEnd().split('\n').slice(0, -1).join('\n') + '\n')));
    expect(dropLast).toMatchObject({ ok: false, seq: 8 });
    const manifest = verifyBundle(tamper(bundle(), 'manifest.json', (b) => Buffer.from(b.toString().replace('"inQuarter": 6', '"inQuarter": 7'))));
    expect(manifest.ok === false && manifest.problem).toMatch(/manifest.json does not match its signature/);
    const cp = verifyBundle(tamper(bundle(), 'evidence/checkpoint-end.json', (b) => Buffer.from(b.toString().replace('"reason": "test"', '"reason": "tost"'))));
    expect(cp.ok === false && cp.problem).toMatch(/invalid signature/);
  });

  it('says clearly when the zip is truncated, not a zip, or signed by another key', () => {
    const z = bundle();
    expect(verifyBundle(z.subarray(0, Math.floor(z.length / 2)))).toMatchObject({ ok: false, problem: expect.stringMatching(/truncated or damaged/) });
    expect(verifyBundle(Buffer.from('hello, this is not a zip at all'))).toMatchObject({ ok: false, problem: 'not a zip file' });
    const other = keyPair();
    expect(verifyBundle(z, { trustedPublicKeyPem: other.pem })).toMatchObject({ ok: false, problem: expect.stringMatching(/signed by another key/) });
    expect(verifyBundle(bundle(other), { trustedPublicKeyPem: key.pem })).toMatchObject({ ok: false, problem: expect.stringMatching(/signed by another key/) });
    expect(createPublicKey(other.pem).asymmetricKeyType).toBe('ed25519');
  });
});

describe('mgr verify-bundle', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vb-'));
  const mgr = (...args: string[]) => spawnSync(process.execPath, ['bin/mgr.mjs', 'verify-bundle', ...args], { encoding: 'utf8', env: { ...process.env, MGR_URL: 'http://127.0.0.1:9' } });

  it('exits 0 on a good bundle, 1 with the reason (never a stack trace) on a bad one', () => {
    const good = path.join(dir, 'good.zip');
    writeFileSync(good, bundle());
    const pem = path.join(dir, 'key.pem');
    writeFileSync(pem, key.pem);
    const ok = mgr(good, '--public-key', pem);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ok — 2023Q2: 6 events #3–#8/);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated.zip', bundle().subarray(0, 300), /truncated or damaged/],
      ['not-a-zip.zip', Buffer.from('PDF? no.'), /not a zip file/],
      ['changed.zip', tamper(bundle(), 'compliance_checklist.md', flipByte(3)), /compliance_checklist.md does not match the manifest/],
    ];
    for (const [name, bytes, reason] of cases) {
      writeFileSync(path.join(dir, name), bytes);
      const r = mgr(path.join(dir, name));
      expect(r.status, name).toBe(1);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const otherKey = path.join(dir, 'other.pem');
    writeFileSync(otherKey, keyPair().pem);
    const wrong = mgr(good, '--public-key', otherKey);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/signed by another key/);
    const missing = mgr(path.join(dir, 'nope.zip'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such file/);
  });
});
