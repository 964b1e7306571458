import { z } from 'zod';
import { CreateUserSchema, SetPasswordSchema, UpdateUserSchema } from '../validation/users';
import { QuorumSettingSchema, UpdateSettingsSchema } from '../validation/settings';
import { isoDateTimeSchema, roleSchema } from './common';

// /api/v1/users and /api/v1/settings: the admin page's operations. Request bodies are the
// services' input schemas; responses never carry a password hash.

export { CreateUserSchema, SetPasswordSchema, UpdateSettingsSchema, UpdateUserSchema };

export const UserSchema = z.object({
  id: z.string(), email: z.string(), name: z.string(), role: roleSchema, senior: z.boolean(), active: z.boolean(),
  createdAt: isoDateTimeSchema, lastLoginAt: isoDateTimeSchema.nullable(),
});
export type UserView = z.infer<typeof UserSchema>;
export const UserListSchema = z.object({ items: z.array(UserSchema) });

/** What the user services return (no last sign-in: they answer from the row they wrote). */
export const UserWrittenSchema = UserSchema.omit({ lastLoginAt: true }).extend({ sessionVersion: z.number().int() });
export const PasswordSetSchema = z.object({ id: z.string() });

export const SettingsSchema = z.object({
  quorum: QuorumSettingSchema,
  regressionTolerancePct: z.number(),
  gracePeriodDays: z.number().int(),
  rcaDueHours: z.number().int(),
  ratificationDueDays: z.number().int(),
  monitoringDays: z.number().int(),
  raiMaxLanguageDisparity: z.number(),
  webhookAllowedHosts: z.array(z.string()).meta({ description: 'hosts webhooks may reach although they resolve to private or loopback addresses' }),
});
