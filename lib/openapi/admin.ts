import { z } from 'zod';
import * as A from '../contracts/admin';
import { AuditEventPageSchema, AuditEventsQuerySchema } from '../contracts/audit-events';
import type { Op } from './operations';

// OpenAPI operations of the admin page (users and roles, settings) and the audit log search.

const userId = z.object({ id: z.string().meta({ description: 'the user id' }) });
const json = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

export const ADMIN_OPERATIONS: Op[] = [
  {
    method: 'get', path: '/api/v1/users', operationId: 'listUsers', tags: ['admin'], summary: 'List users and their roles',
    permission: 'manage:users', success: { status: 200, description: 'The users (never a password hash)', schema: A.UserListSchema }, errors: [401, 403],
  },
  {
    method: 'post', path: '/api/v1/users', operationId: 'createUser', tags: ['admin'], summary: 'Create a user',
    description: 'Only engineers can be senior. Without a password the user signs in after an admin sets one.',
    request: { body: json(A.CreateUserSchema) }, permission: 'manage:users',
    success: { status: 201, description: 'Created', schema: A.UserWrittenSchema }, errors: [400, 401, 403, 409],
    example: { email: 'meera@example.org', name: 'Meera Iyer', role: 'committee' },
  },
  {
    method: 'patch', path: '/api/v1/users/{id}', operationId: 'updateUser', tags: ['admin'], summary: 'Change a user\'s role, seniority, name or active flag',
    description: 'A role, seniority or active change ends the user\'s sessions at once. The last active admin cannot be demoted or disabled (409).',
    request: { params: userId, body: json(A.UpdateUserSchema) }, permission: 'manage:users',
    success: { status: 200, description: 'The user', schema: A.UserWrittenSchema }, errors: [400, 401, 403, 404, 409],
    example: { role: 'engineer', senior: true },
  },
  {
    method: 'put', path: '/api/v1/users/{id}/password', operationId: 'setPassword', tags: ['admin'], summary: 'Set a user\'s password',
    description: 'Admins reset anyone\'s (that user\'s sessions end); a signed-in person sets their own.',
    request: { params: userId, body: json(A.SetPasswordSchema) }, permission: 'authenticated', permissionNote: 'manage:users, or your own account when signed in',
    success: { status: 200, description: 'Set', schema: A.PasswordSetSchema }, errors: [400, 401, 403, 404],
    example: { password: 'a-long-passphrase' },
  },
  {
    method: 'get', path: '/api/v1/settings', operationId: 'getSettings', tags: ['admin'], summary: 'Governance settings',
    description: 'Quorum, regression tolerance, grace period, RCA due hours, ratification due days, monitoring days, RAI language disparity.',
    permission: 'manage:settings', success: { status: 200, description: 'The settings', schema: A.SettingsSchema }, errors: [401, 403],
  },
  {
    method: 'patch', path: '/api/v1/settings', operationId: 'updateSettings', tags: ['admin'], summary: 'Change governance settings',
    description: 'Any subset; the audit event records each value before and after. Open requests keep the quorum they were opened with.',
    request: { body: json(A.UpdateSettingsSchema) }, permission: 'manage:settings',
    success: { status: 200, description: 'The settings now', schema: A.SettingsSchema }, errors: [400, 401, 403],
    example: { quorum: { mode: 'fixed', n: 3 }, rcaDueHours: 48 },
  },
  {
    method: 'get', path: '/api/v1/audit/events', operationId: 'listAuditEvents', tags: ['audit'], summary: 'Search the audit log',
    description: 'Newest first. Filter by action, entityType, entityId, actor (id, or part of the label: an email, a token name), business dates from/to (whole UTC days), q (free text); paginated (pageSize ≤ 200). Each event\'s payload is validated against its action\'s schema.',
    request: { query: AuditEventsQuerySchema }, permission: 'read:audit-log',
    success: { status: 200, description: 'One page of events', schema: AuditEventPageSchema }, errors: [400, 401, 403],
  },
];
