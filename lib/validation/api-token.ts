import { z } from 'zod';
import type { Role } from '../generated/prisma/enums';

export const TOKEN_ROLES = ['admin', 'committee', 'engineer', 'auditor', 'viewer'] as const satisfies readonly Role[];

export const CreateApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(100, { message: 'must be at most 100 characters' })
    .regex(/^[\p{L}\p{N} ._\-:/]+$/u, { message: 'may contain letters, digits, spaces and . _ - : /' }),
  role: z.enum(TOKEN_ROLES),
  senior: z.boolean().optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;
