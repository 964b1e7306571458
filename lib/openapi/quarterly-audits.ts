import { z } from 'zod';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RoutePermission } from '../api/http';

// OpenAPI operations of the quarterly audits (lib/quarterly-audit, app/api/v1/quarterly-audits).

type Op = Omit<RouteConfig, 'responses'> & {
  permission: RoutePermission | 'none';
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string; headers?: Record<string, string> };
  errors: number[];
  example?: unknown;
};

const Person = z.object({ name: z.string(), email: z.string() });
const RunSchema = z.object({
  id: z.string(), quarter: z.string(), status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number().int().meta({ description: 'percent' }), step: z.string(), error: z.string().nullable(), requestedBy: Person,
  createdAt: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
  auditId: z.string().nullable(), audit: z.string().nullable().meta({ description: 'the snapshot, once succeeded' }), href: z.string(),
}).meta({ id: 'QuarterlyAuditRun' });
const FileSchema = z.object({ name: z.string(), contentType: z.string(), sha256: z.string(), sizeBytes: z.number().int(), href: z.string() });
const AuditSchema = z.object({
  id: z.string(), quarter: z.string(), generatedAt: z.string(), generatedBy: Person,
  chainHeadSeq: z.number().int(), chainHeadHash: z.string().meta({ description: 'the audit chain head signed in a checkpoint at generation' }),
  summary: z.object({
    checks: z.number().int(), passed: z.number().int(), failed: z.number().int(), pending: z.number().int(), compliant: z.boolean(),
    deployments: z.number().int(), transitions: z.number().int(), parameterChanges: z.number().int(), flagged: z.number().int(),
    gaps: z.array(z.string()).meta({ description: 'controls with no evidence in the quarter' }),
  }),
  signOff: z.object({ by: Person.nullable(), at: z.string(), comment: z.string() }).nullable(),
  files: z.array(FileSchema), href: z.string(),
}).meta({ id: 'QuarterlyAudit' });
const id = z.object({ id: z.string() });

export const QUARTERLY_AUDIT_OPERATIONS: Op[] = [
  {
    method: 'post', path: '/api/v1/quarterly-audits', operationId: 'generateQuarterlyAudit', tags: ['audit'], summary: 'Generate a quarterly audit',
    description: "Queues the generation on the job queue and answers at once; poll the run named in Location. The snapshot holds model_audit_report.pdf, parameter_changes.json, compliance_checklist.md and audit-QUARTER-bundle.zip (the three files as docs/audits/QUARTER/ plus the quarter's events, the signed checkpoints at its start and end, the public key and a signed manifest; check it offline with `mgr verify-bundle`). A quarter that is not YYYYQ1–YYYYQ4 or has not begun is a 400 naming `quarter`; a quarter with no activity gives a correct, empty report. Regenerating makes a new snapshot.",
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ quarter: z.string().regex(/^\d{4}Q[1-4]$/).meta({ example: '2023Q2' }) }) } } } },
    permission: 'generate:quarterly-audit',
    success: { status: 202, description: 'Queued; Location names the run to poll', schema: RunSchema, headers: { Location: '/api/v1/quarterly-audits/runs/{id}' } },
    errors: [400, 401, 403], example: { quarter: '2023Q2' },
  },
  {
    method: 'get', path: '/api/v1/quarterly-audits', operationId: 'listQuarterlyAudits', tags: ['audit'], summary: 'List quarterly audit snapshots',
    description: 'Newest first, each with the chain head hash it was generated at. `?quarter=2023Q2` filters.',
    permission: 'generate:quarterly-audit', success: { status: 200, description: 'The snapshots', schema: z.object({ items: z.array(AuditSchema) }) }, errors: [401, 403],
  },
  {
    method: 'get', path: '/api/v1/quarterly-audits/runs/{id}', operationId: 'getQuarterlyAuditRun', tags: ['audit'], summary: 'Progress of a generation',
    request: { params: id }, permission: 'generate:quarterly-audit',
    success: { status: 200, description: 'The run: queued, running (progress, step), succeeded (audit) or failed (error)', schema: RunSchema }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/quarterly-audits/{id}', operationId: 'getQuarterlyAudit', tags: ['audit'], summary: 'One snapshot',
    request: { params: id }, permission: 'generate:quarterly-audit',
    success: { status: 200, description: 'The snapshot with its files (SHA-256 and download links) and sign-off', schema: AuditSchema }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/quarterly-audits/{id}/files/{name}', operationId: 'downloadQuarterlyAuditFile', tags: ['audit'], summary: 'Download a file of a snapshot',
    description: 'model_audit_report.pdf, parameter_changes.json, compliance_checklist.md or audit-QUARTER-bundle.zip, byte for byte as hashed (X-Content-SHA256).',
    request: { params: z.object({ id: z.string(), name: z.string().meta({ example: 'model_audit_report.pdf' }) }) }, permission: 'generate:quarterly-audit',
    success: { status: 200, description: 'The file', contentType: 'application/octet-stream' }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/quarterly-audits/{id}/signoff', operationId: 'signOffQuarterlyAudit', tags: ['audit'], summary: 'Sign a snapshot off',
    description: 'Once per snapshot, with a comment saying what was checked; a second sign-off is a 409.',
    request: { params: id, body: { required: true, content: { 'application/json': { schema: z.object({ comment: z.string().min(1) }) } } } },
    permission: 'signoff:quarterly-audit',
    success: { status: 200, description: 'Signed off', schema: z.object({ id: z.string(), quarter: z.string(), signedOffAt: z.string(), comment: z.string() }) },
    errors: [400, 401, 403, 404, 409], example: { comment: 'Quorum and RAI evidence checked against the committee minutes' },
  },
];
