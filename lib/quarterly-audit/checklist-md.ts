import { CONTROLS } from './controls';
import type { QuarterlyReport } from './report';

// compliance_checklist.md: every check with ✓ / ✗ (… for pending) and its evidence, grouped by the
// seed's steps, then the control map and the gap list.

const mark = (r: string) => (r === 'pass' ? '✓' : r === 'fail' ? '✗' : '…');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function complianceChecklistMd(r: QuarterlyReport): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`# Compliance checklist — ${r.quarter}`, '');
  out.push(`Period: ${r.period.start.slice(0, 10)} to ${r.period.lastDay} (UTC). Generated ${r.generatedAt} by ${r.generatedBy}.`);
  out.push(`Audit chain head at generation: #${r.chain.headSeq} \`${r.chain.headHash}\`.`, '');
  out.push(`**Result: ${s.compliant ? 'compliant' : 'NOT compliant'}** — ${s.passed} passed, ${s.failed} failed, ${s.pending} pending of ${s.checks} checks; ` +
    `${s.deployments} production deployment(s), ${s.transitions} transition(s), ${s.parameterChanges} parameter change(s), ${s.incidents} incident(s); ${s.flagged} parameter modification(s) flagged.`, '');
  out.push('Legend: ✓ pass · ✗ fail · … pending (deadline after the end of the period)', '');
  if (r.checks.length === 0) out.push('_No activity recorded in this quarter: there is nothing to check._', '');
  const groups: [string, (k: string) => boolean][] = [
    ['Record-keeping', (k) => k === 'chain_integrity'],
    ['1. Versions deployed to production', (k) => ['inventory_record', 'promotion_record', 'quorum', 'separation_of_duties', 'rai_before_production', 'independent_validation', 'emergency_approvals', 'emergency_ratified', 'backport_recorded'].includes(k)],
    ['2. Performance: claimed vs measured impact', (k) => k === 'claimed_vs_measured'],
    ['3. Transitions and incidents', (k) => ['gate_unit_tests', 'gate_performance', 'reason_recorded', 'deprecation_authorised', 'archival_grace_period', 'rca_within_24h', 'traffic_steps'].includes(k)],
    ['3–4. Parameter changes and modifications without approval', (k) => k.startsWith('parameter_')],
  ];
  for (const [title, test] of groups) {
    const mine = r.checks.filter((c) => test(c.kind));
    if (mine.length === 0) continue;
    out.push(`## ${title}`, '');
    for (const c of mine) out.push(`- [${c.result === 'pass' ? 'x' : ' '}] ${mark(c.result)} **${c.id}** ${c.title} — \`${c.subject}\`  `, `  Evidence: ${c.evidence.replace(/\r?\n/g, ' ')}  `, `  Controls: ${c.controls.join(', ')}`);
    out.push('');
  }
  out.push('## Control map', '', '| control | framework | checks | ✓ | ✗ | … |', '| --- | --- | ---: | ---: | ---: | ---: |');
  for (const m of r.controlMap) out.push(`| ${m.control.id}: ${cell(m.control.title)} | ${m.control.framework} | ${m.checks} | ${m.passed} | ${m.failed} | ${m.pending} |`);
  out.push('', '## Gaps: controls with no evidence this quarter', '');
  if (r.gaps.length === 0) out.push('None: every control has at least one check this quarter.');
  for (const g of r.gaps) out.push(`- ${g.id} (${g.framework}): ${g.title}`);
  out.push('', `_${CONTROLS.length} controls mapped. Verify the bundle offline with \`mgr verify-bundle\`._`, '');
  return out.join('\n');
}
