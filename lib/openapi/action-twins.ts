// Every server action of the browser and its twin in the REST API: the operation that does the
// same thing through the same service function (so the browser, the API and the CLI can never
// disagree on a rule). test/integration/action-twins.test.ts enumerates app/**/actions.ts and
// fails for an action missing here, a twin that is not a documented route, or a pair that does
// not call the same service export. The OpenAPI document names each operation's action(s).

export type ServiceRef = { module: string; fn: string };
export type ActionTwin = { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; services: ServiceRef[] };

const s = (module: string, ...fns: string[]): ServiceRef[] => fns.map((fn) => ({ module, fn }));

/** Keyed by the action's file under app/ and its export name. */
export const ACTION_TWINS: Record<string, ActionTwin> = {
  '(app)/admin/actions.ts#createUserAction': { method: 'post', path: '/api/v1/users', services: s('lib/services/users', 'createUser') },
  '(app)/admin/actions.ts#updateUserAction': { method: 'patch', path: '/api/v1/users/{id}', services: s('lib/services/users', 'updateUser') },
  '(app)/admin/actions.ts#setPasswordAction': { method: 'put', path: '/api/v1/users/{id}/password', services: s('lib/services/users', 'setPassword') },
  '(app)/admin/actions.ts#updateSettingsAction': { method: 'patch', path: '/api/v1/settings', services: s('lib/services/settings', 'updateSettings') },
  '(app)/admin/actions.ts#updateMetricRangeAction': { method: 'patch', path: '/api/v1/metric-definitions/{key}', services: s('lib/services/metric-definitions', 'updateMetricRange') },
  '(app)/admin/tokens/actions.ts#createServiceTokenAction': { method: 'post', path: '/api/v1/tokens', services: s('lib/services/api-tokens', 'createApiToken') },
  '(app)/admin/tokens/actions.ts#revokeTokenAction': { method: 'delete', path: '/api/v1/tokens/{id}', services: s('lib/services/api-tokens', 'revokeApiToken') },
  '(app)/admin/webhooks/actions.ts#createWebhookAction': { method: 'post', path: '/api/v1/webhooks', services: s('lib/services/webhooks', 'createWebhookEndpoint') },
  '(app)/admin/webhooks/actions.ts#setWebhookEnabledAction': { method: 'patch', path: '/api/v1/webhooks/{id}', services: s('lib/services/webhooks', 'updateWebhookEndpoint') },
  '(app)/admin/webhooks/actions.ts#deleteWebhookAction': { method: 'delete', path: '/api/v1/webhooks/{id}', services: s('lib/services/webhooks', 'deleteWebhookEndpoint') },
  '(app)/admin/webhooks/actions.ts#redeliverWebhookAction': { method: 'post', path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', services: s('lib/services/webhooks', 'redeliverWebhook') },
  '(app)/admin/webhooks/actions.ts#updateWebhookAllowListAction': { method: 'patch', path: '/api/v1/settings', services: s('lib/services/settings', 'updateSettings') },
  '(app)/account/tokens/actions.ts#createPersonalTokenAction': { method: 'post', path: '/api/v1/tokens', services: s('lib/services/api-tokens', 'createApiToken') },
  '(app)/account/tokens/actions.ts#revokePersonalTokenAction': { method: 'delete', path: '/api/v1/tokens/{id}', services: s('lib/services/api-tokens', 'revokeApiToken') },
  '(app)/approvals/actions.ts#castVoteAction': { method: 'post', path: '/api/v1/promotion-requests/{id}/votes', services: s('lib/services/cast-vote', 'castVote') },
  '(app)/approvals/actions.ts#requestPromotionAction': { method: 'post', path: '/api/v1/promotion-requests', services: s('lib/services/promotion', 'requestPromotion', 'requestEmergencyPromotion') },
  '(app)/approvals/actions.ts#withdrawAction': { method: 'post', path: '/api/v1/promotion-requests/{id}/withdraw', services: s('lib/services/promotion', 'withdrawRequest') },
  '(app)/audit/actions.ts#verifyChainAction': { method: 'get', path: '/api/v1/audit/verify', services: s('lib/queries/audit', 'verifyAuditLog') },
  '(app)/audits/actions.ts#generateAuditAction': { method: 'post', path: '/api/v1/quarterly-audits', services: s('lib/quarterly-audit/runs', 'requestQuarterlyAudit') },
  '(app)/audits/actions.ts#signOffAction': { method: 'post', path: '/api/v1/quarterly-audits/{id}/signoff', services: s('lib/quarterly-audit/runs', 'signOffQuarterlyAudit') },
  '(app)/incidents/actions.ts#openIncidentAction': { method: 'post', path: '/api/v1/incidents', services: s('lib/services/incidents', 'openIncident') },
  '(app)/incidents/actions.ts#advanceTrafficAction': { method: 'post', path: '/api/v1/incidents/{id}/traffic-steps', services: s('lib/services/incidents', 'advanceTraffic') },
  '(app)/incidents/actions.ts#addLogAction': { method: 'post', path: '/api/v1/incidents/{id}/log', services: s('lib/services/incidents', 'addIncidentLog') },
  '(app)/incidents/actions.ts#submitRcaAction': { method: 'post', path: '/api/v1/incidents/{id}/root-cause', services: s('lib/services/incidents', 'submitRootCause') },
  '(app)/parameters/actions.ts#voteParameterSetAction': { method: 'post', path: '/api/v1/parameter-sets/{id}/votes', services: s('lib/services/parameter-sets', 'voteParameterSet') },
  '(app)/parameters/actions.ts#proposeParameterSetAction': { method: 'post', path: '/api/v1/parameter-sets', services: s('lib/services/parameter-sets', 'proposeParameterSet') },
  '(app)/versions/[ref]/actions.ts#transitionAction': { method: 'post', path: '/api/v1/versions/{ref}/transitions', services: s('lib/services/transition-version', 'transitionModelVersion') },
  '(app)/versions/[ref]/actions.ts#recordRaiAction': { method: 'post', path: '/api/v1/versions/{ref}/rai-assessments', services: s('lib/services/rai', 'recordRaiAssessment') },
  '(app)/versions/[ref]/actions.ts#recordBackportAction': { method: 'post', path: '/api/v1/versions/{ref}/backport', services: s('lib/services/promotion', 'recordBackport') },
};

/**
 * Server actions with no API twin, and why. First-run setup runs before any account exists: its
 * credential is a one-time code printed in the server log, and it refuses once an admin exists; an
 * API operation would only add an unauthenticated account-creation endpoint for a step done once,
 * in a browser, by whoever started the server.
 */
export const BROWSER_ONLY_ACTIONS: Record<string, string> = {
  'setup/actions.ts#completeSetupAction': 'first-run setup: before any account exists, authorised by a one-time code from the server log; done once, in the browser',
};

/** The server actions an operation is the twin of (for the OpenAPI document). */
export function actionsOf(method: string, path: string): string[] {
  return Object.entries(ACTION_TWINS)
    .filter(([, t]) => t.method === method && t.path === path)
    .map(([action]) => action.replace(/^\(app\)\//, ''));
}
