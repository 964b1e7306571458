import { z } from 'zod';
import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { appendAuditEvent } from '../audit/chain';
import { prisma, type Db, type Tx } from '../db';
import { validationFailed } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { parseInput } from '../validation/common';
import { actorUserId } from './actor-user';
import { inTransaction } from './transaction';

// Governance settings live in the `settings` table (key → JSON value). Missing or malformed rows
// fall back to the defaults below, so a fresh database behaves as DESIGN.md describes.

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
};

export const DEFAULT_SETTINGS: Settings = {
  quorum: { mode: 'majority' },
  regressionTolerancePct: 5,
  gracePeriodDays: 90,
  rcaDueHours: 24,
  ratificationDueDays: 7,
  monitoringDays: 14,
  raiMaxLanguageDisparity: 0.1,
};

const FIELD_SCHEMAS = {
  quorum: QuorumSettingSchema,
  regressionTolerancePct: z.number().min(0).max(100),
  gracePeriodDays: z.number().int().min(0).max(3650),
  rcaDueHours: z.number().int().min(1).max(24 * 30),
  ratificationDueDays: z.number().int().min(1).max(90),
  monitoringDays: z.number().int().min(1).max(365),
  raiMaxLanguageDisparity: z.number().min(0).max(1),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };

/** Settings field → settings.key in the database. */
export const SETTING_KEYS: { [K in keyof Settings]: string } = {
  quorum: 'quorum',
  regressionTolerancePct: 'regression_tolerance_pct',
  gracePeriodDays: 'grace_period_days',
  rcaDueHours: 'rca_due_hours',
  ratificationDueDays: 'ratification_due_days',
  monitoringDays: 'monitoring_days',
  raiMaxLanguageDisparity: 'rai_max_language_disparity',
};

const FIELDS = Object.keys(SETTING_KEYS) as (keyof Settings)[];

/** Values were stored as JSON numbers, but accept numeric strings written by hand too. */
function coerce(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}

export async function getSettings(db: Db | Tx = prisma): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } }, select: { key: true, value: true } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const field of FIELDS) {
    const raw = byKey.get(SETTING_KEYS[field]);
    if (raw === undefined) continue;
    const parsed = FIELD_SCHEMAS[field].safeParse(coerce(raw));
    if (parsed.success) (out as Record<keyof Settings, unknown>)[field] = parsed.data;
  }
  return out;
}

/** Approve votes needed: a majority of the eligible voters (floor(n/2)+1), or a fixed number. */
export function quorumFor(setting: QuorumSetting, eligibleVoters: number): number {
  return setting.mode === 'fixed' ? setting.n : Math.floor(eligibleVoters / 2) + 1;
}

export const UpdateSettingsSchema = z
  .object({
    quorum: QuorumSettingSchema.optional(),
    regressionTolerancePct: FIELD_SCHEMAS.regressionTolerancePct.optional(),
    gracePeriodDays: FIELD_SCHEMAS.gracePeriodDays.optional(),
    rcaDueHours: FIELD_SCHEMAS.rcaDueHours.optional(),
    ratificationDueDays: FIELD_SCHEMAS.ratificationDueDays.optional(),
    monitoringDays: FIELD_SCHEMAS.monitoringDays.optional(),
    raiMaxLanguageDisparity: FIELD_SCHEMAS.raiMaxLanguageDisparity.optional(),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsSchema>;

/** Change one or more settings; the audit event records each changed value before and after. */
export async function updateSettings(actor: Actor, rawInput: unknown, opts: { db?: Db } = {}): Promise<Settings> {
  requirePermission(actor, 'manage:settings');
  const input = parseInput(UpdateSettingsSchema, rawInput, 'settings');
  const fields = FIELDS.filter((f) => input[f] !== undefined);
  if (fields.length === 0) throw validationFailed('Invalid settings: nothing to change', { '(body)': ['give at least one setting'] });
  return inTransaction(async (tx) => {
    // Serialise concurrent admins so "before" in the audit event is really what was replaced.
    await tx.$queryRaw`SELECT key FROM settings FOR UPDATE`;
    const before = await getSettings(tx);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of fields) {
      const value = input[field] as Settings[typeof field];
      const key = SETTING_KEYS[field];
      await tx.setting.upsert({
        where: { key },
        create: { key, value: value as Prisma.InputJsonValue, updatedById: actorUserId(actor) },
        update: { value: value as Prisma.InputJsonValue, updatedById: actorUserId(actor) },
        select: { key: true },
      });
      changes[key] = { before: before[field], after: value };
    }
    await appendAuditEvent(tx, { actor, action: 'settings.update', entityType: 'settings', entityId: 'settings', change: { changes } });
    return getSettings(tx);
  }, { db: opts.db });
}
