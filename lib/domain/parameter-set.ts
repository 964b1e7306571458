import { canonicalJson } from '../audit/canonical';
import type { Prisma } from '../generated/prisma/client';
import type { ParameterKindName, ParameterSetInput } from '../validation/parameter-set';
import { isoDate } from './naming';

// λ, training and inference parameter sets (the seed's "Parameter Tracking").
//
// Storage: `values` is { source, parameters } where `parameters` holds every parameter of the set
// (the λ pair included, and any extra keys of an imported file record); the λ pair is also kept in
// its own columns for queries. `source` says how the row entered the registry:
//   'registry' — proposed here and decided by recorded committee votes;
//   'import'   — read from a historical parameters file. An imported record that claims
//                `approved_by` is stored as approved (it was in force, and getActiveParameterSet
//                must see it), but it has no votes in the registry: the quarterly audit lists
//                approved sets with source 'import' as "approval not recorded in the registry"
//                rather than the registry pretending it saw the vote.

export const COMMITTEE_APPROVER = 'Model Governance Committee';

export type ParameterValues = { source: 'registry' | 'import'; parameters: Record<string, unknown> };

/** One record in the seed's file format (config/parameters/{kind}_parameters.json). */
export type ParameterSetRecord = {
  parameter_id: string;
  kind: ParameterKindName;
  base_noise_lambda?: number;
  residual_noise_lambda?: number;
  effective_date: string;
  approved_by?: string;
  performance_metrics: Record<string, number>;
  tested_scenarios: string[];
  notes: string;
  parameters: Record<string, unknown>;
};

const KNOWN_KEYS = new Set([
  'parameter_id', 'kind', 'base_noise_lambda', 'residual_noise_lambda', 'effective_date', 'approved_by',
  'performance_metrics', 'tested_scenarios', 'notes', 'parameters',
]);

/** Input (validated) → the canonical record; extra keys of a file record become parameters. */
export function toRecord(input: ParameterSetInput): ParameterSetRecord {
  const kind = input.parameter_id.split('-')[0] as ParameterKindName;
  const extras = Object.fromEntries(Object.entries(input).filter(([k]) => !KNOWN_KEYS.has(k)));
  const rec: ParameterSetRecord = {
    parameter_id: input.parameter_id,
    kind,
    effective_date: input.effective_date,
    performance_metrics: input.performance_metrics ?? {},
    tested_scenarios: input.tested_scenarios ?? [],
    notes: input.notes ?? '',
    parameters: { ...(input.parameters ?? {}), ...extras },
  };
  if (input.base_noise_lambda !== undefined) rec.base_noise_lambda = input.base_noise_lambda;
  if (input.residual_noise_lambda !== undefined) rec.residual_noise_lambda = input.residual_noise_lambda;
  if (input.approved_by !== undefined) rec.approved_by = input.approved_by;
  return rec;
}

function readValues(v: Prisma.JsonValue): ParameterValues {
  const obj = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const params = obj.parameters && typeof obj.parameters === 'object' && !Array.isArray(obj.parameters) ? (obj.parameters as Record<string, unknown>) : {};
  return { source: obj.source === 'import' ? 'import' : 'registry', parameters: params };
}

/** A stored row → the seed's record format (for export, diff and import comparison). */
export function rowToRecord(row: StoredParameterSet): ParameterSetRecord {
  const { parameters } = readValues(row.values);
  const pm = row.performanceMetrics && typeof row.performanceMetrics === 'object' && !Array.isArray(row.performanceMetrics)
    ? (row.performanceMetrics as Record<string, number>) : {};
  const rest = Object.fromEntries(Object.entries(parameters).filter(([k]) => k !== 'base_noise_lambda' && k !== 'residual_noise_lambda'));
  const rec: ParameterSetRecord = {
    parameter_id: row.parameterId,
    kind: row.kind,
    effective_date: isoDate(row.effectiveDate),
    performance_metrics: pm,
    tested_scenarios: row.testedScenarios,
    notes: row.notes,
    parameters: rest,
  };
  if (row.baseNoiseLambda !== null) rec.base_noise_lambda = row.baseNoiseLambda;
  if (row.residualNoiseLambda !== null) rec.residual_noise_lambda = row.residualNoiseLambda;
  if (row.approvedBy) rec.approved_by = row.approvedBy;
  return rec;
}

/** The stored columns rowToRecord reads (lib/data/parameter-sets.ts selects them). */
export type StoredParameterSet = {
  parameterId: string; kind: ParameterKindName; values: Prisma.JsonValue; baseNoiseLambda: number | null; residualNoiseLambda: number | null;
  effectiveDate: Date; approvedBy: string | null; performanceMetrics: Prisma.JsonValue; testedScenarios: string[]; notes: string;
};

export type ParameterDiff = { field: string; before: unknown; after: unknown };

function flatten(rec: ParameterSetRecord): Map<string, unknown> {
  const m = new Map<string, unknown>();
  m.set('kind', rec.kind);
  m.set('base_noise_lambda', rec.base_noise_lambda);
  m.set('residual_noise_lambda', rec.residual_noise_lambda);
  m.set('effective_date', rec.effective_date);
  m.set('approved_by', rec.approved_by);
  for (const [k, v] of Object.entries(rec.performance_metrics)) m.set(`performance_metrics.${k}`, v);
  m.set('tested_scenarios', rec.tested_scenarios);
  m.set('notes', rec.notes);
  for (const [k, v] of Object.entries(rec.parameters)) m.set(`parameters.${k}`, v);
  return m;
}

/** Field-by-field differences between two parameter sets (a = before, b = after). */
export function diffParameterSets(a: ParameterSetRecord, b: ParameterSetRecord): ParameterDiff[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])];
  const out: ParameterDiff[] = [];
  for (const k of keys) {
    const x = fa.get(k);
    const y = fb.get(k);
    const same = x === undefined || y === undefined ? x === y : canonicalJson(x) === canonicalJson(y);
    if (!same) out.push({ field: k, before: x ?? null, after: y ?? null });
  }
  return out;
}
