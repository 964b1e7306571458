import { sign } from 'node:crypto';
import { appendAuditEvent } from '../audit/chain';
import { checkpointAtOrBefore, checkpointStatement, createCheckpoint, eventToCanonicalLine, verifyEventRecords, type Checkpoint } from '../audit/checkpoint';
import type { AuditEventRecord } from '../audit/event-hash';
import { readEventPages } from '../audit/read-chain';
import { signingKey } from '../audit/signing-key';
import type { ServiceContext } from '../context';
import { inTransaction } from '../services/transaction';
import { requireActorUser } from '../permissions/actor';
import { requireDecision } from '../permissions/decision';
import { canGenerateQuarterlyAudit } from '../permissions/quarterly-audit';
import { buildBundle, bundleFileName, sha256 } from './bundle';
import { complianceChecklistMd } from './checklist-md';
import { parameterChangesJson } from './parameter-changes-file';
import { renderAuditPdf } from './pdf';
import type { Quarter } from './quarter';
import { buildQuarterlyReport, type ChainEvidence, type QuarterlyReport } from './report';

// Generating a quarterly audit: sign a checkpoint of the chain's head, pick the checkpoints that
// bound the quarter, export and recompute the events between them, build the report, render the
// three files and the bundle, and store it all as one immutable snapshot with its audit event.

export const REPORT_FILES = {
  pdf: { name: 'model_audit_report.pdf', contentType: 'application/pdf' },
  json: { name: 'parameter_changes.json', contentType: 'application/json' },
  md: { name: 'compliance_checklist.md', contentType: 'text/markdown; charset=utf-8' },
} as const;

export type Progress = (percent: number, step: string) => Promise<void> | void;

export type GeneratedAudit = { id: string; quarter: string; chainHeadSeq: number; chainHeadHash: string; files: { name: string; sha256: string; sizeBytes: number }[]; report: QuarterlyReport };

type Evidence = { start: Checkpoint | null; end: Checkpoint; lines: string[]; inQuarter: number; chain: ChainEvidence };

async function gatherEvidence(ctx: ServiceContext, q: Quarter, head: Checkpoint, publicKeyPem: string): Promise<Evidence> {
  const startCp = await checkpointAtOrBefore(ctx.db, q.start);
  const lastOfQuarter = await ctx.db.auditEvent.findFirst({ where: { occurredAt: { lt: q.end } }, orderBy: { seq: 'desc' }, select: { seq: true } });
  let endCp: Checkpoint | null = await checkpointAtOrBefore(ctx.db, q.end);
  // The end checkpoint must cover every event of the quarter (imports record old dates late).
  if (!endCp || endCp.seq < (lastOfQuarter?.seq ?? 0) || endCp.seq < (startCp?.seq ?? 0)) endCp = head;
  const start = startCp ? checkpointStatement(startCp) : null;
  const end = checkpointStatement(endCp);
  const lines: string[] = [];
  const records: AuditEventRecord[] = [];
  let inQuarter = 0;
  // Direct: the events are read as text over a pg connection of their own (not ORM rows). No MACs
  // (macAfterSeq at the range's end): checking one needs the secret key, and the bundle leaves them out.
  for await (const page of readEventPages(ctx.db, start?.seq ?? 0, { toSeq: end.seq, direct: true, macAfterSeq: end.seq })) {
    for (const stored of page) {
      records.push(stored);
      lines.push(eventToCanonicalLine(stored));
      const t = Date.parse(stored.occurredAt);
      if (t >= q.start.getTime() && t < q.end.getTime()) inQuarter += 1;
    }
  }
  // The records are checked as the lines are written from them (eventToCanonicalLine writes the
  // general canonicalizer's bytes; event-hash.test.ts checks it): parsing 15 MB of lines back was
  // half of this step on a 10,000-version quarter. `mgr verify-bundle` checks the lines themselves.
  const v = verifyEventRecords(records, start, end, publicKeyPem);
  const range = `events #${(start?.seq ?? 0) + 1}–#${end.seq} between ${start ? `the checkpoint signed ${start.at}` : 'the genesis'} and the checkpoint signed ${end.at}`;
  const chain: ChainEvidence = {
    headSeq: head.seq, headHash: head.hash, eventsInQuarter: inQuarter, verified: v.ok,
    detail: v.ok ? `${range}: ${v.count} events recompute, signatures valid` : `${range}: broken at event #${v.brokenSeq}: ${v.reason}`,
  };
  return { start, end, lines, inQuarter, chain };
}

/** Generate and store a snapshot (the job's work). `progress` is told how far it got. */
export async function generateQuarterlyAudit(ctx: ServiceContext, q: Quarter, progress: Progress = () => undefined): Promise<GeneratedAudit> {
  requireDecision(ctx.actor, canGenerateQuarterlyAudit(ctx.actor));
  const generatedById = requireActorUser(ctx.actor, 'Generating a quarterly audit');
  const key = signingKey();
  await progress(5, 'signing a checkpoint of the audit chain');
  const head = checkpointStatement(await createCheckpoint(ctx, `quarterly audit ${q.id}`));
  await progress(15, 'exporting and recomputing the quarter\'s events');
  const ev = await gatherEvidence(ctx, q, head, key.publicKeyPem);
  await progress(35, 'checking versions, transitions and parameter changes');
  const report = await buildQuarterlyReport(ctx, q, ev.chain);
  await progress(55, 'rendering model_audit_report.pdf');
  const pdf = await renderAuditPdf(report);
  await progress(75, 'writing parameter_changes.json, compliance_checklist.md and the bundle');
  const files = [
    { ...REPORT_FILES.pdf, content: pdf },
    { ...REPORT_FILES.json, content: Buffer.from(parameterChangesJson(report)) },
    { ...REPORT_FILES.md, content: Buffer.from(complianceChecklistMd(report)) },
  ];
  const bundle = buildBundle({
    quarter: q.id, generatedAt: report.generatedAt, chainHead: { seq: head.seq, hash: head.hash },
    files: files.map((f) => ({ name: f.name, content: f.content })), eventLines: ev.lines, eventsInQuarter: ev.inQuarter,
    startCheckpoint: ev.start, endCheckpoint: ev.end, publicKeyPem: key.publicKeyPem, keyId: key.keyId,
    sign: (bytes) => sign(null, bytes, key.privateKey).toString('base64'),
  });
  // Text files are stored as the zip holds them, deflated (a tenth of the bytes: the checklist is
  // 8 MB at 10,000 versions); the PDF and the zip are compressed already. Hash and size are the
  // file's own.
  // The report files' hashes are the manifest's (buildBundle hashed them already).
  const hashed = new Map(bundle.manifest.files.map((m) => [m.path, m.sha256]));
  const stored = [...files, { name: bundleFileName(q.id), contentType: 'application/zip', content: bundle.zip }].map((f) => {
    const packed = bundle.deflated.get(f.name);
    return {
      ...f, sha256: hashed.get(f.name) ?? sha256(f.content), sizeBytes: f.content.length,
      storedContent: packed ?? f.content, contentEncoding: packed ? 'deflate-raw' : 'identity',
    };
  });
  await progress(90, 'storing the snapshot');
  const summary = {
    ...report.summary, period: report.period, chain: report.chain,
    checkpoints: { start: ev.start ? { seq: ev.start.seq, at: ev.start.at } : null, end: { seq: ev.end.seq, at: ev.end.at } },
    deployedModelIds: report.deployments.map((d) => d.modelId), gaps: report.gaps.map((g) => g.id), keyId: key.keyId,
  };
  const audit = await inTransaction(ctx, async (tx) => {
    const row = await tx.quarterlyAudit.create({
      data: { quarter: q.id, generatedById, generatedAt: ctx.now(), chainHeadSeq: head.seq, chainHeadHash: head.hash, summary },
      select: { id: true },
    });
    await tx.quarterlyAuditFile.createMany({
      data: stored.map((f) => ({
        auditId: row.id, name: f.name, contentType: f.contentType, content: new Uint8Array(f.storedContent), contentEncoding: f.contentEncoding,
        sha256: f.sha256, sizeBytes: f.sizeBytes,
      })),
    });
    await appendAuditEvent(tx, {
      actor: ctx.actor, action: 'quarterly_audit.generate', entityType: 'quarterly_audit', entityId: row.id, occurredAt: ctx.now(),
      change: { quarter: q.id, chainHeadSeq: head.seq, chainHeadHash: head.hash, files: stored.map((f) => ({ name: f.name, sha256: f.sha256 })), failed: report.summary.failed },
    });
    return row;
  }, { timeoutMs: 120_000 });
  await progress(100, 'done');
  return { id: audit.id, quarter: q.id, chainHeadSeq: head.seq, chainHeadHash: head.hash, files: stored.map((f) => ({ name: f.name, sha256: f.sha256, sizeBytes: f.sizeBytes })), report };
}
