import { z } from 'zod';
import type { Role } from '../generated/prisma/enums';

/** Roles a service token may carry: a pipeline registers and reports (engineer), reads (viewer) or verifies the audit log (auditor). */
export const SERVICE_TOKEN_ROLES = ['engineer', 'viewer', 'auditor'] as const satisfies readonly Role[];

const name = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(100, { message: 'must be at most 100 characters' })
  .regex(/^[\p{L}\p{N} ._\-:/]+$/u, { message: 'may contain letters, digits, spaces and . _ - : /' });
const expiresInDays = z.number().int().min(1).max(3650).optional();

/**
 * `{"name"}` makes a personal token (it acts as the person who makes it, with their role).
 * `{"name", "role"}` (or kind "service") makes a service token for a pipeline — admins only.
 */
export const CreateApiTokenSchema = z
  .object({
    name,
    kind: z.enum(['personal', 'service']).optional(),
    role: z.enum(SERVICE_TOKEN_ROLES, { message: `a service token's role is one of ${SERVICE_TOKEN_ROLES.join(', ')}: decisions need a person` }).optional(),
    senior: z.boolean().optional(),
    expiresInDays,
  })
  .strict()
  .superRefine((v, ctx) => {
    const kind = v.kind ?? (v.role ? 'service' : 'personal');
    if (kind === 'personal' && v.role) ctx.addIssue({ code: 'custom', path: ['role'], message: "a personal token has its person's role; leave role out" });
    if (kind === 'service' && !v.role) ctx.addIssue({ code: 'custom', path: ['role'], message: 'is required for a service token' });
    if (v.senior) ctx.addIssue({ code: 'custom', path: ['senior'], message: "a token is never senior by itself: a personal token has its person's seniority, a service token gives no reviews" });
  })
  .transform((v) => ({ name: v.name, kind: v.kind ?? (v.role ? ('service' as const) : ('personal' as const)), role: v.role, expiresInDays: v.expiresInDays }));
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;

/** GET /api/v1/tokens?mine=1: an admin's own personal tokens only. */
export const ListTokensQuerySchema = z.object({ mine: z.enum(['1', 'true']).optional() });
