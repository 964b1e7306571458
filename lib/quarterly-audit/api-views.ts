import type { getQuarterlyAudit } from './queries';
import type { getQuarterlyAuditRun } from './runs';

// JSON shapes of the quarterly-audit API (documented in lib/openapi).

export const AUDITS_PATH = '/api/v1/quarterly-audits';
export const auditHref = (id: string) => `${AUDITS_PATH}/${encodeURIComponent(id)}`;
export const runHref = (id: string) => `${AUDITS_PATH}/runs/${encodeURIComponent(id)}`;
export const fileHref = (id: string, name: string) => `${auditHref(id)}/files/${encodeURIComponent(name)}`;

type AuditRow = Awaited<ReturnType<typeof getQuarterlyAudit>>;
type RunRow = Awaited<ReturnType<typeof getQuarterlyAuditRun>>;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

export function auditView(a: AuditRow) {
  const s = (a.summary && typeof a.summary === 'object' && !Array.isArray(a.summary) ? a.summary : {}) as Record<string, unknown>;
  return {
    id: a.id,
    quarter: a.quarter,
    generatedAt: a.generatedAt.toISOString(),
    generatedBy: a.generatedBy,
    chainHeadSeq: a.chainHeadSeq,
    chainHeadHash: a.chainHeadHash,
    summary: { checks: num(s.checks), passed: num(s.passed), failed: num(s.failed), pending: num(s.pending), compliant: s.compliant === true, deployments: num(s.deployments), transitions: num(s.transitions), parameterChanges: num(s.parameterChanges), flagged: num(s.flagged), gaps: Array.isArray(s.gaps) ? (s.gaps as string[]) : [] },
    signOff: a.signedOffAt ? { by: a.signedOffBy, at: a.signedOffAt.toISOString(), comment: a.signOffComment ?? '' } : null,
    files: a.files.map((f) => ({ name: f.name, contentType: f.contentType, sha256: f.sha256, sizeBytes: f.sizeBytes, href: fileHref(a.id, f.name) })),
    href: auditHref(a.id),
  };
}

export function runView(r: RunRow) {
  return {
    id: r.id,
    quarter: r.quarter,
    status: r.status,
    progress: r.progress,
    step: r.step,
    error: r.error,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    auditId: r.auditId,
    audit: r.auditId ? auditHref(r.auditId) : null,
    href: runHref(r.id),
  };
}
