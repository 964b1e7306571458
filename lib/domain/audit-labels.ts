// Audit vocabulary as people say it (issue 10 item 11): the audit log and the dashboards show
// "Vote cast", not `vote.cast`. The raw action stays available (filters, the API, a title).
import type { AuditAction } from '../audit/events';

/** Every audit action, named for a person; a new action without a label does not compile. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'user.create': 'User created',
  'user.update': 'User changed',
  'user.password': 'Password changed',
  'settings.update': 'Settings changed',
  'api_token.create': 'API token created',
  'api_token.revoke': 'API token revoked',
  'metric_definition.update': 'Metric range changed',
  'version.register': 'Version registered',
  'version.transition': 'Version status changed',
  'version.backport': 'Version backported',
  'metrics.add': 'Metrics recorded',
  'test_results.add': 'Test results recorded',
  'rai.assess': 'RAI assessment recorded',
  'promotion.request': 'Promotion requested',
  'promotion.withdraw': 'Promotion request withdrawn',
  'promotion.approve': 'Promotion approved',
  'promotion.reject': 'Promotion rejected',
  'promotion.ratification_overdue': 'Ratification overdue',
  'vote.cast': 'Vote cast',
  'parameter_set.propose': 'Parameter set proposed',
  'parameter_set.vote': 'Parameter set vote cast',
  'parameter_set.approve': 'Parameter set approved',
  'parameter_set.reject': 'Parameter set rejected',
  'parameter_set.import': 'Parameter set imported',
  'incident.open': 'Incident opened',
  'incident.traffic': 'Incident traffic step',
  'incident.log': 'Incident log entry',
  'incident.rca': 'Root cause analysis submitted',
  'incident.rca_overdue': 'Root cause analysis overdue',
  'quarterly_audit.generate': 'Quarterly audit generated',
  'quarterly_audit.signoff': 'Quarterly audit signed off',
  'webhook.create': 'Webhook created',
  'webhook.update': 'Webhook changed',
  'webhook.delete': 'Webhook deleted',
  'webhook.redeliver': 'Webhook delivery resent',
  'history.imported': 'History imported',
};

/** "Vote cast" for `vote.cast`; an action this build does not know is spelled out ("Foo bar" for `foo.bar`). */
export function auditActionLabel(action: string): string {
  const known = (AUDIT_ACTION_LABELS as Record<string, string>)[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : action;
}

/** What an audit event is about, as a noun. */
export const ENTITY_TYPE_LABELS: Record<string, string> = {
  api_token: 'API token',
  incident: 'Incident',
  metric_definition: 'Metric definition',
  model_version: 'Model version',
  parameter_set: 'Parameter set',
  promotion_request: 'Promotion request',
  quarterly_audit: 'Quarterly audit',
  settings: 'Settings',
  user: 'User',
  webhook_endpoint: 'Webhook',
};

export function entityTypeLabel(type: string): string {
  return ENTITY_TYPE_LABELS[type] ?? auditActionLabel(type);
}

/** The metric abbreviations the pages use, with their full names (for <abbr title>). */
export const METRIC_ABBREVIATIONS: Record<string, string> = {
  FVD: 'Fréchet Video Distance',
  IS: 'Inception Score',
  TC: 'Temporal coherence',
  RAI: 'Responsible AI',
  RCA: 'Root cause analysis',
};

/**
 * Text written by older versions of the services carried database ids ("… (request cmx309xvr…)");
 * a person cannot use them and the page links the request anyway.
 */
export function withoutInternalIds(text: string): string {
  return text.replace(/\s*\((?:request|version|set) c[a-z0-9]{20,}\)/g, '');
}
