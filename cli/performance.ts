// performance.json: the metrics of one model version (the seed names the file but not its format).
//
// Accepted shapes (documented with examples in docs/cli.md), freely combined in one file:
//
//   { "fvd": 226.5, "is": 68.3,                              ← top-level values: overall
//     "overall":   { "temporal_coherence": 0.93 },           ← overall too
//     "scenarios": { "policy_briefing": { "fvd": 206.4,      ← per scenario
//                                         "languages": { "hi": { "fvd": 210.0 } } } },  ← scenario × language
//     "languages": { "hi": { "temporal_coherence": 0.91 } }, ← per language (may nest "scenarios")
//     "entries":   [ { "metric": "fvd", "scenario": "instructional", "language": "hi", "value": 201.4 } ] }
//
// A value is a number, a string "number unit" ("2.3 seconds per frame") or { "value", "unit" }; a
// stated unit is sent along and the registry checks it against the metric definition's unit.
// Section names are case-insensitive. Metric names map to registry keys where known ("FVD" → fvd,
// "inception score" → is, …); other names are sent as written and the registry decides.
// Refused, naming the key and why, is only what cannot be read one way: an object under a name
// that is not a section (a scenario? a language?), a metric twice in the same place, a value
// with no number under a metric name.

import { metricKeyFor } from '../lib/domain/commit-message';
import { parseValueWithUnit } from '../lib/domain/metric-unit';
import { isObject } from './client';

export type MetricEntry = { metric: string; value: number; scenario?: string; language?: string; unit?: string };
/** A metric with where it came from ("scenarios.policy_briefing.fvd"), for error messages. */
export type SourcedMetric = MetricEntry & { file: string; field: string };
export type FieldProblem = { field: string; reason: string };
export type ParsedPerformance = { metrics: SourcedMetric[]; problems: FieldProblem[]; warnings: FieldProblem[] };

type Section = 'overall' | 'scenarios' | 'languages' | 'entries';
const SECTIONS: readonly Section[] = ['overall', 'scenarios', 'languages', 'entries'];
const sectionOf = (key: string): Section | null => SECTIONS.find((s) => s === key.trim().toLowerCase()) ?? null;

/** The API's metric input (lib/validation/model-version.ts MetricInputSchema) of a parsed metric. */
export function toMetricInput({ metric, value, scenario, language, unit }: MetricEntry): MetricEntry {
  return { metric, value, ...(scenario ? { scenario } : {}), ...(language ? { language } : {}), ...(unit ? { unit } : {}) };
}

export function metricKey(name: string): string {
  return metricKeyFor(name) ?? name.trim();
}

type Read = { ok: true; value: number; unit?: string } | { ok: false; reason: string; noNumber: boolean };

/** A metric value: a number, "2.3 seconds per frame", or { "value": 2.3, "unit": "s/frame" }. */
export function readMetricValue(v: unknown): Read {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: 'must be a finite number', noNumber: false };
  if (typeof v === 'string') {
    const p = parseValueWithUnit(v);
    if (!p) return { ok: false, reason: `must be a number, got ${describe(v)} (a text value is a number and its unit, such as "2.3 seconds per frame")`, noNumber: true };
    return { ok: true, value: p.value, ...(p.unit ? { unit: p.unit } : {}) };
  }
  if (isValueObject(v)) {
    if (v.unit !== undefined && typeof v.unit !== 'string') return { ok: false, reason: 'unit must be a string', noNumber: false };
    const inner = typeof v.value === 'number' || typeof v.value === 'string' ? readMetricValue(v.value) : null;
    if (!inner || !inner.ok) return { ok: false, reason: `value must be a number, got ${describe(v.value)}`, noNumber: false };
    const unit = typeof v.unit === 'string' && v.unit.trim() ? v.unit.trim() : undefined;
    if (unit && inner.unit && inner.unit !== unit) return { ok: false, reason: `ambiguous unit: the value says "${inner.unit}", unit says "${unit}"`, noNumber: false };
    return { ok: true, value: inner.value, ...(unit || inner.unit ? { unit: unit ?? inner.unit } : {}) };
  }
  return { ok: false, reason: `must be a number, got ${describe(v)}`, noNumber: v === null || typeof v === 'boolean' };
}

const isValueObject = (v: unknown): v is { value: unknown; unit?: unknown } =>
  isObject(v) && 'value' in v && Object.keys(v).every((k) => k === 'value' || k === 'unit');

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

type Where = { scenario?: string; language?: string };
type Sink = { file: string; out: ParsedPerformance };

function push(sink: Sink, name: string, read: Read & { ok: true }, where: Where, field: string): void {
  sink.out.metrics.push({ metric: metricKey(name), value: read.value, ...(read.unit ? { unit: read.unit } : {}), ...where, file: sink.file, field });
}

/** A group of metric → value (overall, one scenario, one language); may nest the other axis. */
function readGroup(obj: unknown, prefix: string, where: Where, sink: Sink): void {
  if (!isObject(obj)) {
    sink.out.problems.push({ field: prefix, reason: `must be an object of metric → number, got ${describe(obj)}` });
    return;
  }
  for (const [name, raw] of Object.entries(obj)) {
    const field = `${prefix}.${name}`;
    const nested = sectionOf(name);
    if ((nested === 'languages' && where.scenario && !where.language) || (nested === 'scenarios' && where.language && !where.scenario)) {
      readAxis(raw, field, nested, where, sink);
      continue;
    }
    const value = readMetricValue(raw);
    if (!value.ok) sink.out.problems.push({ field, reason: value.reason });
    else push(sink, name, value, where, field);
  }
}

/** scenarios / languages: name → group. */
function readAxis(v: unknown, field: string, axis: 'scenarios' | 'languages', where: Where, sink: Sink): void {
  if (!isObject(v)) {
    sink.out.problems.push({ field, reason: `must be an object of ${axis === 'scenarios' ? 'scenario' : 'language'} → { metric: number }, got ${describe(v)}` });
    return;
  }
  for (const [sub, group] of Object.entries(v)) {
    readGroup(group, `${field}.${sub}`, axis === 'scenarios' ? { ...where, scenario: sub } : { ...where, language: sub }, sink);
  }
}

function readEntries(v: unknown, field: string, sink: Sink): void {
  if (!Array.isArray(v)) {
    sink.out.problems.push({ field, reason: 'must be an array of { metric, value, scenario?, language?, unit? }' });
    return;
  }
  v.forEach((e, i) => {
    const at = `${field}[${i}]`;
    const problem = (f: string, reason: string) => sink.out.problems.push({ field: f, reason });
    if (!isObject(e)) return problem(at, `must be an object, got ${describe(e)}`);
    if (typeof e.metric !== 'string' || !e.metric) return problem(`${at}.metric`, 'must be a metric name');
    for (const k of ['scenario', 'language', 'unit'] as const) {
      if (e[k] !== undefined && e[k] !== null && typeof e[k] !== 'string') return problem(`${at}.${k}`, 'must be a string');
    }
    const value = readMetricValue(typeof e.unit === 'string' ? { value: e.value, unit: e.unit } : e.value);
    if (!value.ok) return problem(`${at}.value`, value.reason);
    const where: Where = {
      ...(typeof e.scenario === 'string' && e.scenario ? { scenario: e.scenario } : {}),
      ...(typeof e.language === 'string' && e.language ? { language: e.language } : {}),
    };
    push(sink, e.metric, value, where, at);
  });
}

/** Parse the content of performance.json (already JSON-parsed). */
export function parsePerformance(data: unknown, file = 'performance.json'): ParsedPerformance {
  const out: ParsedPerformance = { metrics: [], problems: [], warnings: [] };
  const sink: Sink = { file, out };
  if (!isObject(data)) {
    out.problems.push({ field: '(file)', reason: `must be a JSON object, got ${describe(data)}` });
    return out;
  }
  const seenSections = new Map<Section, string>();
  for (const [k, v] of Object.entries(data)) {
    const section = sectionOf(k);
    if (section) {
      const first = seenSections.get(section);
      if (first) {
        out.problems.push({ field: k, reason: `ambiguous: the ${section} section appears twice ("${first}" and "${k}")` });
        continue;
      }
      seenSections.set(section, k);
      if (section === 'overall') readGroup(v, k, {}, sink);
      else if (section === 'entries') readEntries(v, k, sink);
      else readAxis(v, k, section, {}, sink);
      continue;
    }
    // Not a section: a top-level value is an overall metric.
    const value = readMetricValue(v);
    if (value.ok) {
      push(sink, k, value, {}, k);
    } else if ((isObject(v) && !isValueObject(v)) || Array.isArray(v)) {
      const known = metricKeyFor(k);
      out.problems.push({
        field: k,
        reason: known
          ? `ambiguous: ${describe(v)} under the metric ${known} (scenarios or languages?); write its values under scenarios.NAME.${k} or languages.CODE.${k}`
          : `ambiguous: ${describe(v)} that is not a section (a scenario? a language?); expected a number, or the sections overall, scenarios, languages or entries`,
      });
    } else if (value.noNumber && !metricKeyFor(k)) {
      out.warnings.push({ field: k, reason: `no number in ${describe(v)}; not a metric, ignored` });
    } else {
      out.problems.push({ field: k, reason: value.reason });
    }
  }
  return out;
}

/**
 * metadata.json's "performance" (overall values). Values that carry no number (e.g. "n/a")
 * are skipped with a warning rather than rejecting the version: that field is descriptive.
 */
export function parseMetadataPerformance(perf: unknown, file = 'metadata.json'): { metrics: SourcedMetric[]; warnings: FieldProblem[]; problems: FieldProblem[] } {
  const metrics: SourcedMetric[] = [];
  const warnings: FieldProblem[] = [];
  const problems: FieldProblem[] = [];
  if (perf === undefined) return { metrics, warnings, problems };
  if (!isObject(perf)) {
    problems.push({ field: 'performance', reason: `must be an object of metric → number, got ${describe(perf)}` });
    return { metrics, warnings, problems };
  }
  for (const [name, raw] of Object.entries(perf)) {
    const value = readMetricValue(raw);
    if (!value.ok) {
      if (typeof raw === 'string') warnings.push({ field: `performance.${name}`, reason: `no number in ${describe(raw)}; not imported as a metric` });
      else problems.push({ field: `performance.${name}`, reason: `must be a number or a string such as "2.3 seconds per frame", got ${describe(raw)}` });
      continue;
    }
    metrics.push({ metric: metricKey(name), value: value.value, ...(value.unit ? { unit: value.unit } : {}), file, field: `performance.${name}` });
  }
  return { metrics, warnings, problems };
}

/** performance.json wins over metadata.performance for the same metric × scenario × language. */
export function mergeMetrics(primary: SourcedMetric[], secondary: SourcedMetric[]): SourcedMetric[] {
  const key = (m: MetricEntry) => `${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}`;
  const seen = new Set(primary.map(key));
  return [...primary, ...secondary.filter((m) => !seen.has(key(m)))];
}

/** Duplicates inside one source (e.g. "FVD" and "fvd" in the same group) are problems. */
export function duplicateProblems(metrics: SourcedMetric[]): { file: string; field: string; reason: string }[] {
  const seen = new Map<string, SourcedMetric>();
  const out: { file: string; field: string; reason: string }[] = [];
  for (const m of metrics) {
    const k = `${m.file}|${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}`;
    const first = seen.get(k);
    if (first) out.push({ file: m.file, field: m.field, reason: `duplicate of ${first.field} (both are ${m.metric})` });
    else seen.set(k, m);
  }
  return out;
}

/** Write metrics back in the structured form (the exporter's output). */
export function formatPerformance(metrics: MetricEntry[]): Record<string, unknown> {
  const overall: Record<string, number> = {};
  const scenarios: Record<string, Record<string, number>> = {};
  const languages: Record<string, Record<string, number>> = {};
  const entries: MetricEntry[] = [];
  const sorted = [...metrics].sort((a, b) =>
    (a.scenario ?? '').localeCompare(b.scenario ?? '') || (a.language ?? '').localeCompare(b.language ?? '') || a.metric.localeCompare(b.metric),
  );
  for (const m of sorted) {
    if (!m.scenario && !m.language) overall[m.metric] = m.value;
    else if (m.scenario && !m.language) (scenarios[m.scenario] ??= {})[m.metric] = m.value;
    else if (!m.scenario && m.language) (languages[m.language] ??= {})[m.metric] = m.value;
    else entries.push({ metric: m.metric, scenario: m.scenario, language: m.language, value: m.value });
  }
  const out: Record<string, unknown> = { overall };
  if (Object.keys(scenarios).length) out.scenarios = scenarios;
  if (Object.keys(languages).length) out.languages = languages;
  if (entries.length) out.entries = entries;
  return out;
}
