// performance.json: the metrics of one model version (the seed names the file but not its format).
//
// Accepted forms (documented in docs/cli.md):
//
// 1. Flat — overall values:                     { "fvd": 185.3, "is": 72.6, "temporal_coherence": 0.93 }
// 2. Structured — any of these sections:
//    {
//      "overall":   { "fvd": 185.3 },
//      "scenarios": { "policy_briefing": { "fvd": 190.1 } },
//      "languages": { "hi": { "temporal_coherence": 0.91 } },
//      "entries":   [ { "metric": "fvd", "scenario": "policy_briefing", "language": "hi", "value": 201.4 } ]
//    }
//
// Values are numbers; a string that starts with a number ("2.3 seconds per frame") is read as
// that number. Metric names are mapped to registry keys where known ("FVD" → fvd,
// "inception score" → is, "temporal coherence" → temporal_coherence, "generation time" →
// generation_time); other names are sent as written and the registry decides.

import { metricKeyFor } from '../lib/domain/commit-message';
import { isObject } from './client';

export type MetricEntry = { metric: string; value: number; scenario?: string; language?: string };
/** A metric with where it came from ("scenarios.policy_briefing.fvd"), for error messages. */
export type SourcedMetric = MetricEntry & { file: string; field: string };
export type FieldProblem = { field: string; reason: string };

const SECTIONS = new Set(['overall', 'scenarios', 'languages', 'entries']);
const LEADING_NUMBER_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(?:\s|$|[a-zA-Z%/])/;

export function metricKey(name: string): string {
  return metricKeyFor(name) ?? name.trim();
}

/** A number, or a string that starts with one ("2.3 seconds per frame" → 2.3); else null. */
export function readMetricValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const m = LEADING_NUMBER_RE.exec(v);
    if (!m) return null;
    const n = Number(m[1]);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function readGroup(
  obj: unknown,
  prefix: string,
  file: string,
  ctx: { scenario?: string; language?: string },
  out: SourcedMetric[],
  problems: FieldProblem[],
): void {
  if (!isObject(obj)) {
    problems.push({ field: prefix, reason: `must be an object of metric → number, got ${describe(obj)}` });
    return;
  }
  for (const [name, raw] of Object.entries(obj)) {
    const field = prefix ? `${prefix}.${name}` : name;
    const value = readMetricValue(raw);
    if (value === null) {
      problems.push({ field, reason: `must be a number, got ${describe(raw)}` });
      continue;
    }
    out.push({ metric: metricKey(name), value, ...ctx, file, field });
  }
}

/** Parse the content of performance.json (already JSON-parsed). */
export function parsePerformance(data: unknown, file = 'performance.json'): { metrics: SourcedMetric[]; problems: FieldProblem[] } {
  const metrics: SourcedMetric[] = [];
  const problems: FieldProblem[] = [];
  if (!isObject(data)) {
    problems.push({ field: '(file)', reason: `must be a JSON object, got ${describe(data)}` });
    return { metrics, problems };
  }
  const keys = Object.keys(data);
  const structured = keys.some((k) => SECTIONS.has(k) && (isObject(data[k]) || Array.isArray(data[k])));
  if (!structured) {
    readGroup(data, '', file, {}, metrics, problems);
  } else {
    for (const k of keys) {
      const v = data[k];
      if (k === 'overall') readGroup(v, 'overall', file, {}, metrics, problems);
      else if (k === 'scenarios' || k === 'languages') {
        if (!isObject(v)) {
          problems.push({ field: k, reason: `must be an object of ${k === 'scenarios' ? 'scenario' : 'language'} → { metric: number }` });
          continue;
        }
        for (const [sub, group] of Object.entries(v)) {
          readGroup(group, `${k}.${sub}`, file, k === 'scenarios' ? { scenario: sub } : { language: sub }, metrics, problems);
        }
      } else if (k === 'entries') {
        if (!Array.isArray(v)) {
          problems.push({ field: 'entries', reason: 'must be an array of { metric, value, scenario?, language? }' });
          continue;
        }
        v.forEach((e, i) => {
          const field = `entries[${i}]`;
          if (!isObject(e)) return problems.push({ field, reason: `must be an object, got ${describe(e)}` });
          if (typeof e.metric !== 'string' || !e.metric) return problems.push({ field: `${field}.metric`, reason: 'must be a metric name' });
          const value = readMetricValue(e.value);
          if (value === null) return problems.push({ field: `${field}.value`, reason: `must be a number, got ${describe(e.value)}` });
          if (e.scenario !== undefined && e.scenario !== null && typeof e.scenario !== 'string') return problems.push({ field: `${field}.scenario`, reason: 'must be a string' });
          if (e.language !== undefined && e.language !== null && typeof e.language !== 'string') return problems.push({ field: `${field}.language`, reason: 'must be a string' });
          metrics.push({
            metric: metricKey(e.metric),
            value,
            ...(typeof e.scenario === 'string' && e.scenario ? { scenario: e.scenario } : {}),
            ...(typeof e.language === 'string' && e.language ? { language: e.language } : {}),
            file,
            field,
          });
        });
      } else {
        problems.push({ field: k, reason: 'unknown section; expected overall, scenarios, languages or entries (or a flat object of metric → number)' });
      }
    }
  }
  return { metrics, problems };
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
    if (value === null) {
      if (typeof raw === 'string') warnings.push({ field: `performance.${name}`, reason: `no number in ${describe(raw)}; not imported as a metric` });
      else problems.push({ field: `performance.${name}`, reason: `must be a number or a string such as "2.3 seconds per frame", got ${describe(raw)}` });
      continue;
    }
    metrics.push({ metric: metricKey(name), value, file, field: `performance.${name}` });
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
