import { isAction, readAuditEvents } from '../audit/reader';
import { requirePermission, ROLES } from '../auth/permissions';
import type { ServiceContext } from '../context';
import { SETTING_FIELDS, SETTING_KEYS, type Settings } from '../data/settings';
import type { Role } from '../generated/prisma/enums';

// The admin's dashboard: who has access (active people per role, deactivated, never signed in),
// API tokens that expire soon, and the settings changed recently — read from the audit log, so
// each change names who made it and what it was before.

export const TOKEN_EXPIRY_WINDOW_DAYS = 14;

export type SettingChange = { seq: number; at: Date; by: string; what: string; before: string; after: string };

/** Settings in the admin page's words, by the key the audit event names (settings.key). */
const FIELD_LABELS: Record<keyof Settings, string> = {
  quorum: 'Quorum', regressionTolerancePct: 'Regression tolerance (%)', gracePeriodDays: 'Grace period (days)', rcaDueHours: 'RCA due (hours)',
  ratificationDueDays: 'Ratification due (days)', monitoringDays: 'Heightened monitoring (days)', raiMaxLanguageDisparity: 'Maximum language disparity (RAI)',
  webhookAllowedHosts: 'Webhook allow-list (hosts)',
};
const SETTING_LABELS: Record<string, string> = Object.fromEntries(SETTING_FIELDS.flatMap((f) => [[SETTING_KEYS[f], FIELD_LABELS[f]], [f, FIELD_LABELS[f]]]));

const show = (v: unknown): string =>
  v === null || v === undefined ? 'none' : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k} ${String(x)}`).join(', ') : String(v);

export async function adminOverview(ctx: ServiceContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'manage:users');
  const now = ctx.now();
  const soon = new Date(now.getTime() + TOKEN_EXPIRY_WINDOW_DAYS * 86_400_000);
  const [byRole, inactive, neverSignedIn, tokens, events] = await Promise.all([
    db.user.groupBy({ by: ['role'], where: { active: true }, _count: { _all: true } }),
    db.user.count({ where: { active: false } }),
    db.user.count({ where: { active: true, lastLoginAt: null, passwordHash: { not: null } } }),
    db.apiToken.findMany({
      where: { revokedAt: null, expiresAt: { gte: now, lte: soon } },
      orderBy: { expiresAt: 'asc' },
      take: 20,
      select: { id: true, name: true, prefix: true, kind: true, role: true, expiresAt: true, lastUsedAt: true, createdBy: { select: { email: true } } },
    }),
    readAuditEvents(db, { actions: ['settings.update', 'metric_definition.update'] }, { order: 'desc', take: 8 }),
  ]);
  const activeByRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const r of byRole) activeByRole[r.role] = r._count._all;

  const settingChanges: SettingChange[] = [];
  for (const e of events) {
    if (isAction('settings.update')(e)) {
      for (const [field, c] of Object.entries(e.change.changes)) settingChanges.push({ seq: e.seq, at: e.occurredAt, by: e.actorLabel, what: SETTING_LABELS[field] ?? field, before: show(c.before), after: show(c.after) });
    } else if (isAction('metric_definition.update')(e)) {
      const range = (r: { minValue: number | null; maxValue: number | null }) => `${r.minValue ?? '−∞'} … ${r.maxValue ?? '+∞'}`;
      settingChanges.push({ seq: e.seq, at: e.occurredAt, by: e.actorLabel, what: `valid range of ${e.change.key}`, before: range(e.change.before), after: range(e.change.after) });
    }
  }
  return {
    users: { activeByRole, active: Object.values(activeByRole).reduce((a, b) => a + b, 0), inactive, neverSignedIn },
    expiringTokens: tokens.map((t) => ({ ...t, expiresAt: t.expiresAt!, issuedBy: t.createdBy.email, daysLeft: Math.max(0, Math.ceil((t.expiresAt!.getTime() - now.getTime()) / 86_400_000)) })),
    settingChanges,
  };
}
