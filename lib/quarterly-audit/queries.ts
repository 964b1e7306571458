import { inflateRawSync } from 'node:zlib';
import { requireDecision } from '../permissions/decision';
import { canReadQuarterlyAudits } from '../permissions/quarterly-audit';
import type { ServiceContext } from '../context';
import { notFound } from '../errors';

// Reads of stored snapshots (auditors; generate:quarterly-audit is the auditor's permission).

const auditSelect = {
  id: true, quarter: true, generatedAt: true, chainHeadSeq: true, chainHeadHash: true, summary: true,
  signedOffAt: true, signOffComment: true,
  generatedBy: { select: { name: true, email: true } },
  signedOffBy: { select: { name: true, email: true } },
  files: { select: { name: true, contentType: true, sha256: true, sizeBytes: true }, orderBy: { name: 'asc' as const } },
} as const;

export async function listQuarterlyAudits(ctx: ServiceContext, opts: { quarter?: string } = {}) {
  requireDecision(ctx.actor, canReadQuarterlyAudits(ctx.actor));
  return ctx.db.quarterlyAudit.findMany({ where: opts.quarter ? { quarter: opts.quarter } : {}, orderBy: { generatedAt: 'desc' }, take: 200, select: auditSelect });
}

export async function getQuarterlyAudit(ctx: ServiceContext, id: string) {
  requireDecision(ctx.actor, canReadQuarterlyAudits(ctx.actor));
  const a = await ctx.db.quarterlyAudit.findUnique({ where: { id }, select: auditSelect });
  if (!a) throw notFound(`Quarterly audit ${id}`);
  return a;
}

/** A stored file's own bytes: `content` inflated when it was stored deflated (see the migration `quarterly_file_encoding`). */
export function storedFileBytes(f: { content: Uint8Array; contentEncoding: string }): Buffer {
  if (f.contentEncoding === 'identity') return Buffer.from(f.content);
  if (f.contentEncoding === 'deflate-raw') return inflateRawSync(f.content);
  throw new Error(`stored file has an unknown content encoding: ${f.contentEncoding}`);
}

export async function getQuarterlyAuditFile(ctx: ServiceContext, id: string, name: string) {
  requireDecision(ctx.actor, canReadQuarterlyAudits(ctx.actor));
  const f = await ctx.db.quarterlyAuditFile.findUnique({
    where: { auditId_name: { auditId: id, name } },
    select: { name: true, contentType: true, content: true, contentEncoding: true, sha256: true, audit: { select: { quarter: true } } },
  });
  if (!f) throw notFound(`File ${name} of quarterly audit ${id}`);
  return { name: f.name, contentType: f.contentType, content: storedFileBytes(f), sha256: f.sha256, audit: f.audit };
}
