// Field names as people say them (forms, diffs); a name not listed is spelled out from its
// snake_case/camelCase: "tested_scenarios" → "Tested scenarios", "maxValue" → "Max value".

const FIELD_LABELS: Record<string, string> = {
  base_noise_lambda: 'Base noise λ',
  residual_noise_lambda: 'Residual noise λ',
  parameter_id: 'Parameter id',
  effective_date: 'Effective date',
  tested_scenarios: 'Tested scenarios',
  performance_metrics: 'Performance metrics',
  approved_by: 'Approved by',
  versionId: 'Version',
  requestId: 'Request',
  parameterSetId: 'Parameter set',
  minValue: 'Minimum',
  maxValue: 'Maximum',
  expiresInDays: 'Expires in (days)',
  fps: 'Frames per second',
  '(body)': 'The form',
};

export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : field;
}
