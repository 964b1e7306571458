import { prisma, type Db, type Tx } from '../db';
import { SETTING_FIELD_SCHEMAS, type Settings } from '../validation/settings';

// Governance settings live in the `settings` table (key → JSON value). Missing or malformed rows
// fall back to the defaults below, so a fresh database behaves as DESIGN.md describes.

export type { QuorumSetting, Settings } from '../validation/settings';

export const DEFAULT_SETTINGS: Settings = {
  quorum: { mode: 'majority' },
  regressionTolerancePct: 5,
  gracePeriodDays: 90,
  rcaDueHours: 24,
  ratificationDueDays: 7,
  monitoringDays: 14,
  raiMaxLanguageDisparity: 0.1,
  webhookAllowedHosts: [],
};

/** Settings field → settings.key in the database. */
export const SETTING_KEYS: { [K in keyof Settings]: string } = {
  quorum: 'quorum',
  regressionTolerancePct: 'regression_tolerance_pct',
  gracePeriodDays: 'grace_period_days',
  rcaDueHours: 'rca_due_hours',
  ratificationDueDays: 'ratification_due_days',
  monitoringDays: 'monitoring_days',
  raiMaxLanguageDisparity: 'rai_max_language_disparity',
  webhookAllowedHosts: 'webhook_allowed_hosts',
};

export const SETTING_FIELDS = Object.keys(SETTING_KEYS) as (keyof Settings)[];

/** Values were stored as JSON numbers, but accept numeric strings written by hand too. */
function coerce(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}

export async function getSettings(db: Db | Tx = prisma): Promise<Settings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(SETTING_KEYS) } }, select: { key: true, value: true } });
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const field of SETTING_FIELDS) {
    const raw = byKey.get(SETTING_KEYS[field]);
    if (raw === undefined) continue;
    const parsed = SETTING_FIELD_SCHEMAS[field].safeParse(coerce(raw));
    if (parsed.success) (out as Record<keyof Settings, unknown>)[field] = parsed.data;
  }
  return out;
}
