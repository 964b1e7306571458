// mgr audit-report QUARTER --out DIR: generate a quarterly audit on the server (job queue), wait
// for it, and write DIR/docs/audits/QUARTER/{model_audit_report.pdf, parameter_changes.json,
// compliance_checklist.md} as in the seed, plus DIR/audit-QUARTER-bundle.zip.
// mgr verify-bundle FILE.zip: check a bundle offline (no server, no database).
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { bundleFileName, bundleRoot } from '../lib/quarterly-audit/bundle';
import { QUARTER_RE } from '../lib/quarterly-audit/quarter';
import { verifyBundle } from '../lib/quarterly-audit/verify-bundle';
import { type ApiClient, ApiError, describeProblem, fieldErrorLines, isObject } from './client';
import { EXIT_REJECTED, type Output } from './output';

export const SEED_FILES = ['model_audit_report.pdf', 'parameter_changes.json', 'compliance_checklist.md'] as const;

type Helpers = { output: (cmd: Command) => Output; client: (cmd: Command) => ApiClient; exit: (code: number) => Error; usage: (message: string) => Error };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function registerAuditCommands(program: Command, h: Helpers): void {
  program
    .command('audit-report')
    .description('generate a quarterly audit (e.g. 2023Q2) and write docs/audits/QUARTER/… plus the bundle zip under --out')
    .argument('<quarter>', 'YYYYQ1–YYYYQ4, e.g. 2023Q2')
    .requiredOption('--out <dir>', 'folder to write into (docs/audits/QUARTER/ is created in it)')
    .option('--wait-seconds <n>', 'give up waiting after this long', '600')
    .action(async (quarter: string, opts: { out: string; waitSeconds: string }, cmd: Command) => {
      const o = h.output(cmd);
      if (!QUARTER_RE.test(quarter)) throw h.usage(`quarter: "${quarter}" is not a quarter: use YYYYQ1–YYYYQ4 (e.g. 2023Q2)`);
      const api = h.client(cmd);
      const res = await api.post('/api/v1/quarterly-audits', { quarter });
      if (res.status !== 202 || !isObject(res.body)) {
        o.error(`audit-report ${quarter}: ${describeProblem(res.status, res.problem)}`);
        for (const f of fieldErrorLines(res.problem)) o.error(`audit-report ${quarter}: ${f.field}: ${f.reason}`);
        throw h.exit(EXIT_REJECTED);
      }
      let run = res.body;
      const deadline = Date.now() + Number(opts.waitSeconds) * 1000;
      while (run.status === 'queued' || run.status === 'running') {
        o.progress(`${quarter}: ${String(run.progress)}% ${String(run.step)}`);
        if (Date.now() > deadline) {
          o.error(`audit-report ${quarter}: still ${String(run.status)} after ${opts.waitSeconds} s (run ${String(run.id)}); poll ${String(run.href)}`);
          throw h.exit(EXIT_REJECTED);
        }
        await sleep(1000);
        run = await api.expectOk<Record<string, unknown>>('GET', String(run.href));
      }
      if (run.status !== 'succeeded' || typeof run.audit !== 'string') {
        o.error(`audit-report ${quarter}: generation failed: ${String(run.error ?? run.status)}`);
        throw h.exit(EXIT_REJECTED);
      }
      const audit = await api.expectOk<{ id: string; chainHeadHash: string; summary: Record<string, unknown>; files: { name: string; sha256: string; href: string }[] }>('GET', run.audit);
      const dir = path.join(opts.out, bundleRoot(quarter));
      await mkdir(dir, { recursive: true });
      const written: string[] = [];
      for (const f of audit.files) {
        const isBundle = f.name === bundleFileName(quarter);
        if (!isBundle && !(SEED_FILES as readonly string[]).includes(f.name)) continue;
        const { bytes } = await api.download(f.href);
        if (sha256(bytes) !== f.sha256) throw new ApiError(502, null, `${f.name}: the downloaded bytes do not match the snapshot's SHA-256 ${f.sha256}`);
        const target = isBundle ? path.join(opts.out, f.name) : path.join(dir, f.name);
        await writeFile(target, bytes);
        written.push(target);
        o.line(`${target}  sha256 ${f.sha256}`);
      }
      const s = audit.summary;
      o.line(`${quarter}: snapshot ${audit.id}, chain head ${audit.chainHeadHash}; ${String(s.passed)} passed, ${String(s.failed)} failed, ${String(s.pending)} pending`);
      o.result({ ok: true, audit, written });
    });

  program
    .command('verify-bundle')
    .description('verify a quarterly audit bundle offline: events between the signed checkpoints, signatures, file hashes')
    .argument('<file>', 'the bundle zip (audit-QUARTER-bundle.zip)')
    .option('--public-key <pem>', "the registry's public key file to trust (else the bundle's own key is used and its fingerprint printed)")
    .action(async (file: string, opts: { publicKey?: string }, cmd: Command) => {
      const o = h.output(cmd);
      const read = async (p: string, what: string) => {
        try {
          return await readFile(p);
        } catch (e) {
          o.error(`${p}: cannot read ${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
          throw h.exit(EXIT_REJECTED);
        }
      };
      const zip = await read(file, 'the bundle');
      const trusted = opts.publicKey ? (await read(opts.publicKey, 'the public key')).toString('utf8') : undefined;
      const v = verifyBundle(zip, { trustedPublicKeyPem: trusted });
      o.result(v);
      if (!v.ok) {
        o.error(`${file}: FAILED: ${v.problem}`);
        throw h.exit(EXIT_REJECTED);
      }
      o.line(`${file}: ok — ${v.quarter}: ${v.events} events #${v.fromSeq + 1}–#${v.toSeq} recompute to ${v.headHash}; checkpoints and manifest signed by key ${v.keyId}; ${v.files} files match their SHA-256`);
      if (!trusted) o.line('(compare the key fingerprint with the registry\'s published one, or pass --public-key)');
    });
}
