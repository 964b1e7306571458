import { z } from 'zod';

// Governance settings: the shape of each value (stored rows are re-validated with these when read)
// and the admin's update input.

export const QuorumSettingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('majority') }),
  z.object({ mode: z.literal('fixed'), n: z.number().int().min(1).max(100) }),
]);
export type QuorumSetting = z.infer<typeof QuorumSettingSchema>;

export type Settings = {
  quorum: QuorumSetting;
  regressionTolerancePct: number;
  gracePeriodDays: number;
  rcaDueHours: number;
  ratificationDueDays: number;
  monitoringDays: number;
  raiMaxLanguageDisparity: number;
  /** Hosts webhooks may reach even when they resolve to private or loopback addresses (lib/webhooks/ssrf.ts). */
  webhookAllowedHosts: string[];
};

export const SETTING_FIELD_SCHEMAS = {
  quorum: QuorumSettingSchema,
  regressionTolerancePct: z.number().min(0).max(100),
  gracePeriodDays: z.number().int().min(0).max(3650),
  rcaDueHours: z.number().int().min(1).max(24 * 30),
  ratificationDueDays: z.number().int().min(1).max(90),
  monitoringDays: z.number().int().min(1).max(365),
  raiMaxLanguageDisparity: z.number().min(0).max(1),
  webhookAllowedHosts: z
    .array(
      z.string().trim().toLowerCase().min(1).max(253)
        .regex(/^(\[[0-9a-f:.]+\]|[a-z0-9.:-]+)$/, 'a host name or IP address, without scheme, port or path'),
    )
    .max(50),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };

export const UpdateSettingsSchema = z
  .object({
    quorum: QuorumSettingSchema.optional(),
    regressionTolerancePct: SETTING_FIELD_SCHEMAS.regressionTolerancePct.optional(),
    gracePeriodDays: SETTING_FIELD_SCHEMAS.gracePeriodDays.optional(),
    rcaDueHours: SETTING_FIELD_SCHEMAS.rcaDueHours.optional(),
    ratificationDueDays: SETTING_FIELD_SCHEMAS.ratificationDueDays.optional(),
    monitoringDays: SETTING_FIELD_SCHEMAS.monitoringDays.optional(),
    raiMaxLanguageDisparity: SETTING_FIELD_SCHEMAS.raiMaxLanguageDisparity.optional(),
    webhookAllowedHosts: SETTING_FIELD_SCHEMAS.webhookAllowedHosts.optional(),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsSchema>;
