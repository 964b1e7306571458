import { z } from 'zod';
import { ROLES } from '../auth/permissions';
import type { Role } from '../generated/prisma/enums';

const roleEnum = z.enum(ROLES as [Role, ...Role[]]);
const password = z.string().min(8, { message: 'must be at least 8 characters' }).max(200);

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: 'must be an email address' }).max(254),
  name: z.string().trim().min(1).max(200),
  role: roleEnum,
  senior: z.boolean().default(false),
  password: password.optional(),
});
export const UpdateUserSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), role: roleEnum.optional(), active: z.boolean().optional(), senior: z.boolean().optional() })
  .strict();
export const SetPasswordSchema = z.object({ password });
