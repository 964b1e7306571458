import type { ServiceContext } from '../context';
import { parseCommitMessage } from '../domain/commit-message';
import { checkClaim } from '../domain/impact';
import type { AuditFacts } from './collect';
import { type CheckSink } from './sink';

// Step 2: performance across use cases — for each component, the versions in production at any
// time in the quarter, their metrics per scenario and per language, and the impact claimed in the
// commit message beside the change measured against the previous version (by semantic version).

export type MetricView = {
  metric: string; name: string; unit: string; direction: string;
  overall: number | null; byScenario: Record<string, number>; byLanguage: Record<string, number>;
};
export type ProductionVersionView = { modelId: string; version: string; from: string; to: string | null; metrics: MetricView[] };
export type ComponentPerformance = { component: string; versions: ProductionVersionView[] };
export type ClaimView = { modelId: string; previous: string | null; metric: string; claimedPct: number; measuredPct: number | null; verdict: string; check: string | null };

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function performanceReview(ctx: ServiceContext, facts: AuditFacts, sink: CheckSink) {
  const q = facts.quarter;
  const components = new Map<string, ProductionVersionView[]>();
  const inProd: { id: string; modelId: string }[] = [];
  for (const v of [...facts.versions.values()].sort((a, b) => a.component.key.localeCompare(b.component.key) || a.major - b.major || a.minor - b.minor || a.patch - b.patch)) {
    const ts = facts.by.transitions.get(v.id) ?? [];
    // Production periods [from, to) intersecting the quarter.
    let from: Date | null = null;
    let first: { from: Date; to: Date | null } | null = null;
    for (const t of ts) {
      if (t.toStatus === 'production') from = t.at;
      else if (from) {
        if (t.at.getTime() > q.start.getTime() && from.getTime() < q.end.getTime()) first ??= { from, to: t.at };
        from = null;
      }
    }
    if (from && from.getTime() < q.end.getTime()) first ??= { from, to: null };
    if (!first) continue;
    const metrics = new Map<string, MetricView>();
    for (const m of facts.by.metrics.get(v.id) ?? []) {
      const mv = metrics.get(m.metric) ?? { metric: m.metric, name: m.name, unit: m.unit, direction: m.direction, overall: null, byScenario: {}, byLanguage: {} };
      if (m.scenario === '' && m.language === '') mv.overall = m.value;
      else if (m.language === '') mv.byScenario[m.scenario] = m.value;
      else if (m.scenario === '') mv.byLanguage[m.language] = m.value;
      metrics.set(m.metric, mv);
    }
    const list = components.get(v.component.key) ?? [];
    list.push({ modelId: v.modelId, version: v.version, from: first.from.toISOString(), to: first.to?.toISOString() ?? null, metrics: [...metrics.values()].sort((a, b) => a.metric.localeCompare(b.metric)) });
    components.set(v.component.key, list);
    inProd.push({ id: v.id, modelId: v.modelId });
  }

  // Claimed vs measured, against the previous version of the component by semantic version
  // (all looked up in two queries, however many versions were in production).
  const claims: ClaimView[] = [];
  const claimed = inProd
    .map(({ id, modelId }) => ({ v: facts.versions.get(id)!, modelId, impacts: parseCommitMessage(facts.versions.get(id)!.commitMessage ?? '').impacts.filter((i) => i.metricKey) }))
    .filter((c) => c.impacts.length > 0);
  const componentIds = [...new Set(claimed.map((c) => c.v.component.id))];
  const siblings = componentIds.length
    ? await ctx.db.modelVersion.findMany({ where: { componentId: { in: componentIds } }, select: { id: true, modelId: true, componentId: true, major: true, minor: true, patch: true } })
    : [];
  const cmp = (a: { major: number; minor: number; patch: number }, b: { major: number; minor: number; patch: number }) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  const previousOf = new Map(claimed.map((c) => [c.v.id, siblings.filter((x) => x.componentId === c.v.component.id && cmp(x, c.v) < 0).sort(cmp).at(-1) ?? null]));
  const prevIds = [...new Set([...previousOf.values()].filter((p) => p !== null).map((p) => p.id))];
  const prevMetrics = prevIds.length
    ? await ctx.db.metric.findMany({ where: { versionId: { in: prevIds }, scenario: '', language: '' }, select: { versionId: true, value: true, definition: { select: { key: true } } } })
    : [];
  for (const { v, modelId, impacts } of claimed) {
    const prev = previousOf.get(v.id) ?? null;
    const mine = new Map((facts.by.metrics.get(v.id) ?? []).filter((m) => m.scenario === '' && m.language === '').map((m) => [m.metric, m.value]));
    for (const i of impacts) {
      const before = prev ? prevMetrics.find((m) => m.versionId === prev.id && m.definition.key === i.metricKey)?.value : undefined;
      const after = mine.get(i.metricKey!);
      const measured = before !== undefined && after !== undefined && before !== 0 ? round2(((after - before) / Math.abs(before)) * 100) : null;
      const verdict = checkClaim(i.percent, measured);
      const check = verdict === 'unmeasured' ? null : sink.add('claimed_vs_measured', modelId, verdict === 'matches',
        `${i.raw} claimed; measured ${measured! > 0 ? '+' : ''}${measured}% vs ${prev?.modelId} (${before} → ${after}): ${verdict}`);
      claims.push({ modelId, previous: prev?.modelId ?? null, metric: i.metricKey!, claimedPct: i.percent, measuredPct: measured, verdict, check });
    }
  }
  return { performance: [...components.entries()].map(([component, versions]) => ({ component, versions })), claims };
}
