import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { getSettings, SETTING_FIELDS, SETTING_KEYS, type Settings } from '../data/settings';
import { validationFailed } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { actorUserId } from '../permissions/actor';
import { canManageSettings } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';
import { parseInput } from '../validation/common';
import { UpdateSettingsSchema } from '../validation/settings';
import { inTransaction } from './transaction';

/** Change one or more settings; the audit event records each changed value before and after. */
export async function updateSettings(ctx: ServiceContext, rawInput: unknown): Promise<Settings> {
  const { actor } = ctx;
  requireDecision(actor, canManageSettings(actor));
  const input = parseInput(UpdateSettingsSchema, rawInput, 'settings');
  const fields = SETTING_FIELDS.filter((f) => input[f] !== undefined);
  if (fields.length === 0) throw validationFailed('Invalid settings: nothing to change', { '(body)': ['give at least one setting'] });
  return inTransaction(ctx, async (tx) => {
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
    await appendAuditEvent(tx, { occurredAt: ctx.now(), actor, action: 'settings.update', entityType: 'settings', entityId: 'settings', change: { changes } });
    return getSettings(tx);
  });
}
