// Audit event types, written once: every action with the zod schema of its payload, combined in a
// discriminated union on `action`. `appendAuditEvent` is typed by it (a wrong payload does not
// compile and is refused at run time) and every reader validates against it (lib/audit/reader.ts).
import { z } from 'zod';

const iso = z.string(); // ISO-8601 timestamps as stored in the payload
const status = z.enum(['development', 'testing', 'staging', 'production', 'deprecated', 'archived']);
const kind = z.enum(['committee', 'emergency', 'ratification']);
const decision = z.enum(['approve', 'reject']);
const anyRecord = z.record(z.string(), z.unknown());
const beforeAfter = z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() }));

/** Marks history that a file states happened before (or outside) the registry. */
export const IMPORTED_MARK = 'imported, not approved here' as const;

export const AUDIT_PAYLOADS = {
  'user.create': z.strictObject({ email: z.string(), name: z.string(), role: z.string(), senior: z.boolean(), passwordSet: z.boolean() }),
  'user.update': z.strictObject({ email: z.string(), changes: beforeAfter, sessionsRevoked: z.boolean() }),
  'user.password': z.strictObject({ email: z.string(), by: z.enum(['self', 'admin']), sessionsRevoked: z.boolean() }),
  'settings.update': z.strictObject({ changes: beforeAfter }),
  'api_token.create': z.strictObject({ name: z.string(), prefix: z.string(), kind: z.enum(['personal', 'service']).optional(), role: z.string(), senior: z.boolean(), expiresAt: iso.nullable() }),
  'api_token.revoke': z.strictObject({ name: z.string(), prefix: z.string() }),
  'metric_definition.update': z.strictObject({
    key: z.string(),
    before: z.strictObject({ minValue: z.number().nullable(), maxValue: z.number().nullable() }),
    after: z.strictObject({ minValue: z.number().nullable(), maxValue: z.number().nullable() }),
  }),
  'version.register': z.strictObject({
    modelId: z.string(), component: z.string(), architecture: z.string(), version: z.string(), releaseDate: z.string(),
    gitCommit: z.string().nullable(), gitBranch: z.string().nullable(), tags: z.array(z.string()),
    artifacts: z.array(z.strictObject({ path: z.string(), sha256: z.string().nullable().optional(), sizeBytes: z.number().nullable().optional() })),
    metrics: z.number().int(),
  }),
  'version.transition': z.strictObject({
    modelId: z.string(), from: status.nullable(), to: status, reason: z.string().nullable(),
    requestId: z.string().nullable(), incidentId: z.string().nullable(),
  }),
  'version.backport': z.strictObject({ modelId: z.string(), commit: z.string() }),
  'metrics.add': z.strictObject({
    modelId: z.string(),
    metrics: z.array(z.strictObject({ metric: z.string(), scenario: z.string(), language: z.string(), value: z.number() })),
    replaced: z.array(z.unknown()),
  }),
  'test_results.add': z.strictObject({ modelId: z.string(), suite: z.string(), passed: z.number().int(), failed: z.number().int(), skipped: z.number().int(), ciRunUrl: z.string().nullable() }),
  'rai.assess': z.strictObject({
    assessmentId: z.string(), modelId: z.string(), result: z.enum(['pass', 'fail']), maxDisparity: z.number(),
    allowedDisparity: z.number(), failures: z.array(z.string()),
  }),
  'promotion.request': z.strictObject({
    modelId: z.string(), versionId: z.string(), kind, quorum: z.number().int(), reason: z.string().optional(),
    eligibleVoters: z.number().int().optional(), dueAt: iso.nullable().optional(), emergencyRequestId: z.string().optional(),
  }),
  'promotion.withdraw': z.strictObject({ kind: kind.optional(), versionId: z.string().optional(), modelId: z.string().optional(), reason: z.string() }),
  'promotion.approve': z.strictObject({
    kind, versionId: z.string(), quorum: z.number().int(), approvals: z.number().int(), rejections: z.number().int(),
    promoted: z.string().optional(), deprecated: z.string().nullable().optional(), ratified: z.boolean().optional(),
    monitoringUntil: iso.optional(), ratificationRequestId: z.string().optional(),
  }),
  'promotion.reject': z.strictObject({
    kind, versionId: z.string(), quorum: z.number().int(), approvals: z.number().int(), rejections: z.number().int(), reason: z.string().optional(),
  }),
  'promotion.ratification_overdue': z.strictObject({ modelId: z.string(), versionId: z.string(), quorum: z.number().int(), dueAt: iso, detectedAt: iso }),
  'vote.cast': z.strictObject({ voteId: z.string(), kind, modelId: z.string(), decision, comment: z.string().nullable().optional() }),
  'parameter_set.propose': z.strictObject({ record: anyRecord, quorum: z.number().int() }),
  'parameter_set.vote': z.strictObject({ parameterId: z.string(), decision, comment: z.string().nullable().optional() }),
  'parameter_set.approve': z.strictObject({ parameterId: z.string(), approvals: z.number().int(), rejections: z.number().int(), quorum: z.number().int(), approvedBy: z.string() }),
  'parameter_set.reject': z.strictObject({ parameterId: z.string(), approvals: z.number().int(), rejections: z.number().int(), quorum: z.number().int() }),
  'parameter_set.import': z.strictObject({ record: anyRecord, status: z.string(), source: z.literal('import'), approvalRecordedInRegistry: z.literal(false) }),
  'incident.open': z.strictObject({
    title: z.string(), severity: z.string(), version: z.string(), rollbackTo: z.string(), rollbackFromStatus: status, rcaDueAt: iso,
  }),
  'incident.traffic': z.strictObject({ percent: z.number(), metricsSnapshot: z.unknown(), status: z.string() }),
  'incident.log': z.strictObject({ entryId: z.string(), text: z.string() }),
  'incident.rca': z.strictObject({ rootCause: z.string(), late: z.boolean(), status: z.string() }),
  'incident.rca_overdue': z.strictObject({ title: z.string(), version: z.string(), status: z.string(), openedAt: iso, rcaDueAt: iso, detectedAt: iso }),
  'quarterly_audit.generate': z.strictObject({
    quarter: z.string(), chainHeadSeq: z.number().int(), chainHeadHash: z.string(),
    files: z.array(z.strictObject({ name: z.string(), sha256: z.string() })), failed: z.number().int(),
  }),
  'quarterly_audit.signoff': z.strictObject({ quarter: z.string(), chainHeadHash: z.string(), comment: z.string() }),
  // Webhook endpoints (lib/services/webhooks.ts). `url` is the endpoint's origin only (a path or query
  // may carry a receiver's token); the signing secret is never recorded.
  'webhook.create': z.strictObject({ url: z.string(), events: z.array(z.string()), description: z.string() }),
  'webhook.update': z.strictObject({ url: z.string(), changes: beforeAfter, reason: z.string().optional() }),
  'webhook.delete': z.strictObject({ url: z.string(), events: z.array(z.string()) }),
  'webhook.redeliver': z.strictObject({ url: z.string(), deliveryId: z.string(), webhookId: z.string(), eventType: z.string() }),
  /**
   * History a file states (metadata.json's approval and production dates, a parameter set's
   * effective date), recorded with that business time, and marked as not decided here.
   */
  'history.imported': z.strictObject({
    mark: z.literal(IMPORTED_MARK),
    what: z.enum(['approval', 'production', 'parameter_effective']),
    modelId: z.string().optional(),
    component: z.string().optional(),
    parameterId: z.string().optional(),
    approvedBy: z.string().nullable().optional(),
    date: z.string(),
    source: z.string(),
  }),
} as const;

export type AuditAction = keyof typeof AUDIT_PAYLOADS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_PAYLOADS) as AuditAction[];
export const AuditActionSchema = z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]);

/** What a caller must give for an action's payload. */
export type AuditPayloadInput<A extends AuditAction> = z.input<(typeof AUDIT_PAYLOADS)[A]>;
/** An action's payload as read back (validated). */
export type AuditPayload<A extends AuditAction> = z.output<(typeof AUDIT_PAYLOADS)[A]>;

type Variant<A extends AuditAction> = z.ZodObject<{ action: z.ZodLiteral<A>; change: (typeof AUDIT_PAYLOADS)[A] }>;
function variant<A extends AuditAction>(action: A): Variant<A> {
  return z.object({ action: z.literal(action), change: AUDIT_PAYLOADS[action] }) as unknown as Variant<A>;
}

/** `{action, change}` of every event, discriminated by action. */
export const AuditEventDataSchema = z.discriminatedUnion(
  'action',
  AUDIT_ACTIONS.map((a) => variant(a)) as unknown as [Variant<AuditAction>, ...Variant<AuditAction>[]],
);

/** The typed pair, as a union over the actions (narrow on `action`). */
export type AuditEventData = { [A in AuditAction]: { action: A; change: AuditPayload<A> } }[AuditAction];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_PAYLOADS, value);
}

/** Validate an action's payload (append time: a failure is a programming error). */
export function parseAuditPayload<A extends AuditAction>(action: A, change: unknown): AuditPayload<A> {
  const parsed = AUDIT_PAYLOADS[action].safeParse(change);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`audit event ${action}: payload does not match its schema (${issue?.path.join('.') || 'change'}: ${issue?.message})`);
  }
  return parsed.data as AuditPayload<A>;
}
