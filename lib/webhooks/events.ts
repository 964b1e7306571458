// Webhook event types, and which audit actions announce them: one table, read where every audit
// event is appended (lib/audit/chain.ts), so every service that records a change notifies
// subscribers in the same transaction and none can forget. Audit verification failures have no
// audit event; lib/webhooks/outbox.ts `notifyAuditVerificationFailed` records those.
import type { AuditAction } from '../audit/events';

export const WEBHOOK_EVENT_TYPES = [
  'version.registered',
  'version.transitioned',
  'promotion.requested',
  'promotion.voted',
  'promotion.decided',
  'promotion.emergency',
  'incident.opened',
  'incident.traffic_step',
  'incident.rca_submitted',
  'parameter_set.proposed',
  'parameter_set.decided',
  'quarterly_audit.generated',
  'quarterly_audit.signed_off',
  'audit.verification_failed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'version.registered': 'a model version was registered',
  'version.transitioned': "a version's lifecycle status changed",
  'promotion.requested': 'a promotion (committee, emergency or ratification) was requested',
  'promotion.voted': 'a committee member or senior engineer voted on a promotion request',
  'promotion.decided': 'a promotion request was approved or rejected',
  'promotion.emergency': 'a version went to production by the emergency path',
  'incident.opened': 'an incident was opened and a rollback started',
  'incident.traffic_step': "an incident's rollback traffic moved a step",
  'incident.rca_submitted': "an incident's root cause analysis was submitted",
  'parameter_set.proposed': 'a parameter set was proposed',
  'parameter_set.decided': 'a parameter set was approved or rejected',
  'quarterly_audit.generated': 'a quarterly audit snapshot was generated',
  'quarterly_audit.signed_off': 'a quarterly audit was signed off',
  'audit.verification_failed': 'verifying the audit chain found it broken',
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The webhook event(s) an audit action announces; actions not listed announce nothing. */
export function webhookEventsFor(action: AuditAction, change: Record<string, unknown>): WebhookEventType[] {
  switch (action) {
    case 'version.register': return ['version.registered'];
    case 'version.transition': return ['version.transitioned'];
    case 'promotion.request': return ['promotion.requested'];
    case 'vote.cast': return ['promotion.voted'];
    case 'promotion.approve': return change.kind === 'emergency' ? ['promotion.decided', 'promotion.emergency'] : ['promotion.decided'];
    case 'promotion.reject': return ['promotion.decided'];
    case 'incident.open': return ['incident.opened'];
    case 'incident.traffic': return ['incident.traffic_step'];
    case 'incident.rca': return ['incident.rca_submitted'];
    case 'parameter_set.propose': return ['parameter_set.proposed'];
    case 'parameter_set.approve':
    case 'parameter_set.reject': return ['parameter_set.decided'];
    case 'quarterly_audit.generate': return ['quarterly_audit.generated'];
    case 'quarterly_audit.signoff': return ['quarterly_audit.signed_off'];
    default: return [];
  }
}

/** Decided events say which way in one word, so a receiver need not know the audit action. */
export function decisionOf(action: AuditAction): 'approved' | 'rejected' | undefined {
  if (action === 'promotion.approve' || action === 'parameter_set.approve') return 'approved';
  if (action === 'promotion.reject' || action === 'parameter_set.reject') return 'rejected';
  return undefined;
}
