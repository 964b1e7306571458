import { z } from 'zod';
import * as P from '../contracts/promotion';
import * as I from '../contracts/incidents';
import * as W from '../contracts/writes';
import { RaiAssessmentInputSchema } from '../validation/rai';
import { BackportSchema } from '../validation/promotion';
import type { Op } from './operations';

// OpenAPI operations of the governance decisions the browser offers (approvals, emergency
// reviews, RAI, backports, incidents and rollback traffic, parameter-set votes). Each is the twin
// of a server action (lib/openapi/action-twins.ts) and calls the same service.

const PERSON = 'A person acts: a session or a personal token — a service token never decides (docs/decisions/010).';
const idParam = (what: string) => z.object({ id: z.string().meta({ description: what }) });
const refParam = z.object({ ref: z.string().meta({ description: 'the version id or its model id', example: 'pib-vg-base-diffusion-1.2.4-20230701' }) });
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

export const GOVERNANCE_OPERATIONS: Op[] = [
  {
    method: 'get', path: '/api/v1/promotion-requests', operationId: 'listPromotionRequests', tags: ['promotion'], summary: 'List promotion requests',
    description: 'Newest first, with votes, tally and state (approved_waiting_rai: quorum reached, RAI not passed). Filter by status, kind and version.',
    request: { query: P.ListPromotionRequestsQuerySchema }, permission: 'read:registry',
    success: { status: 200, description: 'One page of requests', schema: P.PromotionRequestPageSchema }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/v1/promotion-requests', operationId: 'createPromotionRequest', tags: ['promotion'], summary: 'Request a promotion to production',
    description: `Committee path (default): the committee votes, quorum fixed now from the settings. Emergency path (\`kind: "emergency"\`): a hotfix (branch hotfix/*, tag emergency) reviewed by two senior engineers, ratified by the committee afterwards. ${PERSON}`,
    request: { body: json(P.CreatePromotionRequestBodySchema) }, permission: 'request:promotion',
    success: { status: 201, description: 'Opened; Location names the request', schema: P.CreatedPromotionRequestSchema }, errors: [400, 401, 403, 404, 409, 422],
    example: { version: 'pib-vg-base-diffusion-1.2.4-20230701', kind: 'committee', reason: 'Better temporal coherence on policy briefings' },
  },
  {
    method: 'get', path: '/api/v1/promotion-requests/{id}', operationId: 'getPromotionRequest', tags: ['promotion'], summary: 'A promotion request',
    request: { params: idParam('the request id') }, permission: 'read:registry',
    success: { status: 200, description: 'The request', schema: P.PromotionRequestSchema }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/promotion-requests/{id}/votes', operationId: 'castVote', tags: ['promotion'], summary: 'Vote on a promotion request (or give an emergency review)',
    description: `Committee requests and ratifications: committee members (\`vote:promotion\`). Emergency requests: senior engineers (\`review:emergency\`). Never the requester; one vote per person; a reject needs a comment. The vote that reaches quorum promotes (after a passed RAI assessment on the committee path). ${PERSON}`,
    request: { params: idParam('the request id'), body: json(P.CastVoteSchema) }, permission: 'vote:promotion', permissionNote: 'or review:emergency for emergency requests',
    success: { status: 200, description: 'Recorded, with the tally and what it set off', schema: P.VoteOutcomeSchema }, errors: [400, 401, 403, 404, 409],
    example: { decision: 'approve', comment: 'Metrics and RAI reviewed' },
  },
  {
    method: 'post', path: '/api/v1/promotion-requests/{id}/withdraw', operationId: 'withdrawPromotionRequest', tags: ['promotion'], summary: 'Withdraw a promotion request',
    description: `Only the requester, only an open committee or emergency request (a ratification must be decided). ${PERSON}`,
    request: { params: idParam('the request id'), body: json(P.WithdrawSchema) }, permission: 'request:promotion', permissionNote: 'and be the requester',
    success: { status: 200, description: 'Withdrawn', schema: P.WithdrawnSchema }, errors: [400, 401, 403, 404, 409],
    example: { reason: 'Found a regression on hi' },
  },
  {
    method: 'post', path: '/api/v1/versions/{ref}/rai-assessments', operationId: 'recordRaiAssessment', tags: ['versions'], summary: 'Record a responsible-AI assessment',
    description: 'Bias on diverse test sets, per-language quality (disparity within the setting), adversarial robustness, the ethics checklist. The verdict is computed; a pass completes committee promotions that reached quorum waiting on it.',
    request: { params: refParam, body: json(RaiAssessmentInputSchema) }, permission: 'record:rai-assessment',
    success: { status: 201, description: 'Recorded', schema: W.RaiRecordedSchema }, errors: [400, 401, 403, 404, 409],
    example: { biasMetrics: [{ testSet: 'diverse-faces', metric: 'gap', value: 0.01, threshold: 0.05 }], languageMetrics: { en: 0.9, hi: 0.88 }, robustness: [{ attack: 'noise', passed: true }], ethicsChecklist: { 'Reviewed against PIB ethical guidelines': true } },
  },
  {
    method: 'post', path: '/api/v1/versions/{ref}/backport', operationId: 'recordBackport', tags: ['versions'], summary: 'Record a hotfix backport',
    description: 'The commit that merged the hotfix back to the development branch (the emergency path\'s last step). Idempotent for the same commit; 409 for another.',
    request: { params: refParam, body: json(BackportSchema) }, permission: 'create:model-version',
    success: { status: 200, description: 'Recorded (or unchanged)', schema: W.BackportRecordedSchema }, errors: [400, 401, 403, 404, 409],
    example: { commit: '3f2c9ab' },
  },
  {
    method: 'get', path: '/api/v1/incidents', operationId: 'listIncidents', tags: ['incidents'], summary: 'List incidents',
    description: 'Newest first, with the rollback target, traffic steps, RCA due time and log. Filter by status and component.',
    request: { query: I.ListIncidentsQuerySchema }, permission: 'read:registry',
    success: { status: 200, description: 'One page of incidents', schema: I.IncidentPageSchema }, errors: [400, 401, 403],
  },
  {
    method: 'post', path: '/api/v1/incidents', operationId: 'openIncident', tags: ['incidents'], summary: 'Open an incident (roll back)',
    description: `In one transaction: the production version is tagged critical-issue and deprecated, the previous stable version reactivated; traffic then moves in 20 % steps. ${PERSON}`,
    request: { body: json(I.OpenIncidentBodySchema) }, permission: 'open:incident',
    success: { status: 201, description: 'Opened; Location names the incident', schema: I.OpenedIncidentSchema }, errors: [400, 401, 403, 404, 422],
    example: { version: 'pib-vg-base-diffusion-1.2.4-20230701', title: 'Flicker in high-motion scenes', severity: 'critical', description: 'Reported by the newsroom' },
  },
  {
    method: 'get', path: '/api/v1/incidents/{id}', operationId: 'getIncident', tags: ['incidents'], summary: 'An incident',
    request: { params: idParam('the incident id') }, permission: 'read:registry',
    success: { status: 200, description: 'The incident', schema: I.IncidentSchema }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/incidents/{id}/traffic-steps', operationId: 'advanceTraffic', tags: ['incidents'], summary: 'Advance rollback traffic',
    description: `The next 20 % of traffic to the rollback target (20 → 40 → … → 100), with the metrics seen. ${PERSON}`,
    request: { params: idParam('the incident id'), body: json(I.AdvanceTrafficSchema) }, permission: 'advance:rollback',
    success: { status: 201, description: 'Recorded', schema: I.TrafficStepResultSchema }, errors: [400, 401, 403, 404, 409],
    example: { metricsSnapshot: { fvd: 190.2, error_rate: 0.01 }, note: 'Error rate back to baseline' },
  },
  {
    method: 'post', path: '/api/v1/incidents/{id}/log', operationId: 'addIncidentLog', tags: ['incidents'], summary: 'Add to the incident log',
    request: { params: idParam('the incident id'), body: json(I.IncidentLogSchema) }, permission: 'advance:rollback', description: PERSON,
    success: { status: 201, description: 'Logged', schema: I.IncidentLogEntrySchema }, errors: [400, 401, 403, 404],
    example: { text: 'Newsroom confirms the flicker is gone' },
  },
  {
    method: 'post', path: '/api/v1/incidents/{id}/root-cause', operationId: 'submitRootCause', tags: ['incidents'], summary: 'Submit the root cause analysis',
    description: `Once per incident; with all traffic back it resolves the incident. Late submissions are marked late. ${PERSON}`,
    request: { params: idParam('the incident id'), body: json(I.RootCauseSchema) }, permission: 'submit:rca',
    success: { status: 200, description: 'Recorded', schema: I.RootCauseResultSchema }, errors: [400, 401, 403, 404, 409],
    example: { rootCause: 'Scheduler config drift after the dependency upgrade.' },
  },
  {
    method: 'get', path: '/api/v1/components/{key}/traffic', operationId: 'getComponentTraffic', tags: ['incidents'], summary: 'Current traffic split of a component',
    description: 'For the serving layer: which versions get which percentage now. With no rollback in progress the production version gets 100 %; during one, the rollback target gets the share its traffic steps reached and the bad version the rest.',
    request: { params: z.object({ key: z.string().meta({ description: 'the component key', example: 'base' }) }) }, permission: 'read:registry',
    success: { status: 200, description: 'The split', schema: I.ComponentTrafficSchema }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/parameter-sets/{id}/votes', operationId: 'voteParameterSet', tags: ['parameter sets'], summary: 'Vote on a proposed parameter set',
    description: `Committee members; never the proposer; a reject needs a comment. The vote that reaches quorum approves it. ${PERSON}`,
    request: { params: idParam('the parameter set id or its parameter_id'), body: json(P.CastVoteSchema) }, permission: 'vote:parameter-set',
    success: { status: 200, description: 'Recorded, with the tally', schema: W.ParameterVoteOutcomeSchema }, errors: [400, 401, 403, 404, 409],
    example: { decision: 'approve' },
  },
];
