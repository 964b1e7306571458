// The controls a quarterly audit gives evidence for, and which check evidences which control.
// Wording kept short; the references are to the public texts:
// - EU AI Act (Regulation (EU) 2024/1689) Art. 12 record-keeping; Art. 17(1) quality management
//   system, points (a) management of modifications, (d) examination, test and validation, (k)
//   record-keeping.
// - ISO/IEC 42001:2023 Annex A: A.3.2 roles and responsibilities; A.6.2.x AI system life cycle.
// - NIST AI RMF 1.0: GOVERN 1.6 inventory; MANAGE 2.4 supersede/deactivate; MANAGE 4.1
//   post-deployment monitoring incl. change management; MEASURE 2.11 fairness and bias.
// - SR 11-7 (Fed/OCC model risk guidance): effective challenge, model inventory, ongoing monitoring.

export type ControlId =
  | 'EU-AIA-12'
  | 'EU-AIA-17-1-a'
  | 'EU-AIA-17-1-d'
  | 'EU-AIA-17-1-k'
  | 'ISO42001-A.3.2'
  | 'ISO42001-A.6.2.3'
  | 'ISO42001-A.6.2.4'
  | 'ISO42001-A.6.2.5'
  | 'ISO42001-A.6.2.6'
  | 'ISO42001-A.6.2.7'
  | 'ISO42001-A.6.2.8'
  | 'NIST-GOVERN-1.6'
  | 'NIST-MANAGE-2.4'
  | 'NIST-MANAGE-4.1'
  | 'NIST-MEASURE-2.11'
  | 'SR11-7-EC'
  | 'SR11-7-INV'
  | 'SR11-7-MON';

export type Control = { id: ControlId; framework: string; title: string };

export const CONTROLS: readonly Control[] = [
  { id: 'EU-AIA-12', framework: 'EU AI Act', title: 'Art. 12 Record-keeping: automatic logging of events over the lifetime of the system' },
  { id: 'EU-AIA-17-1-a', framework: 'EU AI Act', title: 'Art. 17(1)(a) Procedures for the management of modifications' },
  { id: 'EU-AIA-17-1-d', framework: 'EU AI Act', title: 'Art. 17(1)(d) Examination, test and validation procedures before and after deployment' },
  { id: 'EU-AIA-17-1-k', framework: 'EU AI Act', title: 'Art. 17(1)(k) Systems and procedures for record-keeping' },
  { id: 'ISO42001-A.3.2', framework: 'ISO/IEC 42001', title: 'A.3.2 AI roles and responsibilities (segregation of duties)' },
  { id: 'ISO42001-A.6.2.3', framework: 'ISO/IEC 42001', title: 'A.6.2.3 Documentation of AI system design and development' },
  { id: 'ISO42001-A.6.2.4', framework: 'ISO/IEC 42001', title: 'A.6.2.4 AI system verification and validation' },
  { id: 'ISO42001-A.6.2.5', framework: 'ISO/IEC 42001', title: 'A.6.2.5 AI system deployment (approval before release)' },
  { id: 'ISO42001-A.6.2.6', framework: 'ISO/IEC 42001', title: 'A.6.2.6 AI system operation and monitoring' },
  { id: 'ISO42001-A.6.2.7', framework: 'ISO/IEC 42001', title: 'A.6.2.7 AI system technical documentation' },
  { id: 'ISO42001-A.6.2.8', framework: 'ISO/IEC 42001', title: 'A.6.2.8 AI system recording of event logs' },
  { id: 'NIST-GOVERN-1.6', framework: 'NIST AI RMF', title: 'GOVERN 1.6 Mechanisms to inventory AI systems' },
  { id: 'NIST-MANAGE-2.4', framework: 'NIST AI RMF', title: 'MANAGE 2.4 Mechanisms to supersede, disengage or deactivate (rollback)' },
  { id: 'NIST-MANAGE-4.1', framework: 'NIST AI RMF', title: 'MANAGE 4.1 Post-deployment monitoring, incident response and change management' },
  { id: 'NIST-MEASURE-2.11', framework: 'NIST AI RMF', title: 'MEASURE 2.11 Fairness and bias evaluated and documented' },
  { id: 'SR11-7-EC', framework: 'SR 11-7', title: 'Effective challenge: validation and approval independent of development' },
  { id: 'SR11-7-INV', framework: 'SR 11-7', title: 'Model inventory' },
  { id: 'SR11-7-MON', framework: 'SR 11-7', title: 'Ongoing monitoring and outcomes analysis' },
];

export type CheckKind =
  | 'chain_integrity'
  | 'inventory_record'
  | 'gate_unit_tests'
  | 'gate_performance'
  | 'reason_recorded'
  | 'promotion_record'
  | 'quorum'
  | 'separation_of_duties'
  | 'rai_before_production'
  | 'independent_validation'
  | 'emergency_approvals'
  | 'emergency_ratified'
  | 'backport_recorded'
  | 'rca_within_24h'
  | 'traffic_steps'
  | 'deprecation_authorised'
  | 'archival_grace_period'
  | 'claimed_vs_measured'
  | 'parameter_approval'
  | 'parameter_separation_of_duties'
  | 'parameter_approved_before_effective'
  | 'parameter_values_in_use'
  | 'parameter_approval_recorded';

export const CHECK_TITLES: Record<CheckKind, string> = {
  chain_integrity: 'Audit chain recomputes between the signed checkpoints',
  inventory_record: 'Inventory record complete (model id by convention, metadata, artifact hashes)',
  gate_unit_tests: 'Gate "passes unit tests" met at the time',
  gate_performance: 'Gate "meets performance metrics" met at the time',
  reason_recorded: 'Reason recorded for a backward transition',
  promotion_record: 'Promotion to production authorised by an approved request',
  quorum: 'Quorum of approvals reached',
  separation_of_duties: 'Separation of duties (requester ≠ voter, voters different people)',
  rai_before_production: 'Responsible-AI assessment passed before production',
  independent_validation: 'Independent validation (RAI reviewer and voters ≠ developer)',
  emergency_approvals: 'Emergency path: two senior engineers approved',
  emergency_ratified: 'Emergency promotion ratified by the committee by its deadline',
  backport_recorded: 'Hotfix backport to develop recorded',
  rca_within_24h: 'Root cause analysis within 24 hours of the incident',
  traffic_steps: 'Traffic restored in 20% steps, each recorded',
  deprecation_authorised: 'Deprecation caused by a newer production version or decided by the committee',
  archival_grace_period: 'Archived only after the grace period',
  claimed_vs_measured: 'Claimed performance impact matches the measured change',
  parameter_approval: 'Parameter set approved by a committee vote recorded in the registry',
  parameter_separation_of_duties: 'Parameter set: proposer did not vote',
  parameter_approved_before_effective: 'Parameter set approved before its effective date',
  parameter_values_in_use: 'Values in use match the approved parameter set',
  parameter_approval_recorded: 'Approval of a parameter set in force was recorded here (not only claimed by an import)',
};

export const CHECK_CONTROLS: Record<CheckKind, readonly ControlId[]> = {
  chain_integrity: ['EU-AIA-12', 'EU-AIA-17-1-k', 'ISO42001-A.6.2.8'],
  inventory_record: ['NIST-GOVERN-1.6', 'SR11-7-INV', 'ISO42001-A.6.2.7'],
  gate_unit_tests: ['EU-AIA-17-1-d', 'ISO42001-A.6.2.4'],
  gate_performance: ['EU-AIA-17-1-d', 'ISO42001-A.6.2.4'],
  reason_recorded: ['EU-AIA-17-1-k', 'ISO42001-A.6.2.3'],
  promotion_record: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.5', 'NIST-MANAGE-4.1'],
  quorum: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.5', 'SR11-7-EC'],
  separation_of_duties: ['ISO42001-A.3.2', 'SR11-7-EC'],
  rai_before_production: ['EU-AIA-17-1-d', 'ISO42001-A.6.2.4', 'NIST-MEASURE-2.11'],
  independent_validation: ['SR11-7-EC', 'ISO42001-A.3.2'],
  emergency_approvals: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.5'],
  emergency_ratified: ['EU-AIA-17-1-a', 'NIST-MANAGE-4.1', 'SR11-7-EC'],
  backport_recorded: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.3'],
  rca_within_24h: ['NIST-MANAGE-4.1', 'ISO42001-A.6.2.6', 'SR11-7-MON'],
  traffic_steps: ['NIST-MANAGE-2.4', 'ISO42001-A.6.2.6'],
  deprecation_authorised: ['NIST-MANAGE-2.4', 'ISO42001-A.6.2.6'],
  archival_grace_period: ['ISO42001-A.6.2.6'],
  claimed_vs_measured: ['SR11-7-MON', 'EU-AIA-17-1-d'],
  parameter_approval: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.5', 'NIST-MANAGE-4.1'],
  parameter_separation_of_duties: ['ISO42001-A.3.2', 'SR11-7-EC'],
  parameter_approved_before_effective: ['EU-AIA-17-1-a'],
  parameter_values_in_use: ['EU-AIA-17-1-a', 'ISO42001-A.6.2.6', 'NIST-MANAGE-4.1'],
  parameter_approval_recorded: ['EU-AIA-17-1-k', 'ISO42001-A.6.2.8'],
};

/** pass / fail; `pending` when the deadline has not come yet at the end of the period. */
export type CheckResult = 'pass' | 'fail' | 'pending';

export type Check = {
  id: string; // stable within a report: C001, C002, …
  kind: CheckKind;
  title: string;
  /** What was checked: a model id, a parameter id, an incident title. */
  subject: string;
  result: CheckResult;
  evidence: string;
  controls: readonly ControlId[];
};

export type ControlCoverage = { control: Control; checks: number; passed: number; failed: number; pending: number };

/** For each control: how many checks of the quarter evidence it, and how they came out. */
export function controlMap(checks: readonly Check[]): ControlCoverage[] {
  return CONTROLS.map((control) => {
    const mine = checks.filter((c) => c.controls.includes(control.id));
    return {
      control,
      checks: mine.length,
      passed: mine.filter((c) => c.result === 'pass').length,
      failed: mine.filter((c) => c.result === 'fail').length,
      pending: mine.filter((c) => c.result === 'pending').length,
    };
  });
}

/** Controls with no evidence at all this quarter. */
export function controlGaps(checks: readonly Check[]): Control[] {
  return controlMap(checks).filter((c) => c.checks === 0).map((c) => c.control);
}
