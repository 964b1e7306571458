import { appendAuditEvent } from '../audit/chain';
import type { ServiceContext } from '../context';
import { notFound, validationFailed } from '../errors';
import { canManageSettings } from '../permissions/admin';
import { requireDecision } from '../permissions/decision';
import { parseInput } from '../validation/common';
import { UpdateMetricRangeSchema } from '../validation/metric-definition';
import { inTransaction } from './transaction';

const SELECT = { id: true, key: true, name: true, unit: true, direction: true, description: true, minValue: true, maxValue: true } as const;

/**
 * Change the valid range of a metric definition (a governance setting: the admin's). Values
 * already recorded are not re-judged; new values outside the range are refused.
 */
export async function updateMetricRange(ctx: ServiceContext, key: string, rawInput: unknown) {
  requireDecision(ctx.actor, canManageSettings(ctx.actor));
  const input = parseInput(UpdateMetricRangeSchema, rawInput, 'metric range');
  return inTransaction(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM metric_definitions WHERE key = ${key} FOR UPDATE`;
    if (!rows.length) throw notFound(`Metric definition ${key}`);
    const before = await tx.metricDefinition.findUniqueOrThrow({ where: { key }, select: SELECT });
    const minValue = input.minValue === undefined ? before.minValue : input.minValue;
    const maxValue = input.maxValue === undefined ? before.maxValue : input.maxValue;
    if (minValue !== null && maxValue !== null && minValue > maxValue) {
      throw validationFailed(`Invalid metric range: minValue ${minValue} is above maxValue ${maxValue}`, { minValue: [`must not be above maxValue (${maxValue})`] });
    }
    const after = await tx.metricDefinition.update({ where: { key }, data: { minValue, maxValue }, select: SELECT });
    await appendAuditEvent(tx, {
      actor: ctx.actor,
      occurredAt: ctx.now(),
      action: 'metric_definition.update',
      entityType: 'metric_definition',
      entityId: before.id,
      change: { key, before: { minValue: before.minValue, maxValue: before.maxValue }, after: { minValue, maxValue } },
    });
    const { id: _id, ...view } = after;
    return view;
  });
}
