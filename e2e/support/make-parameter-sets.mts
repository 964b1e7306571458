// Lays down, through the registry's own services (audited), two λ parameter sets on dates of
// their own far in the future (never active, never the demo's): one imported as approved (as from
// a parameters file: voting it in would add a quorum of committee members on every run, and the
// majority quorum grows with them), and the next one proposed, cutting tested scenarios from 3 to 1 and no longer stating
// IS. Run by e2e/approvals-decision.spec.ts with DATABASE_URL pointing at the e2e database;
// prints one JSON line: { approvedId, proposedId, proposedDbId, quorum }.
import { randomBytes, randomInt } from 'node:crypto';

const { prisma } = await import('../../lib/db');
const { contextFor } = await import('../../lib/context');
const { importParameterSet, proposeParameterSet } = await import('../../lib/services/parameter-sets');

async function person(role: 'engineer') {
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.local`;
  const u = await prisma.user.create({ data: { email, name: `E2E ${role}`, role }, select: { id: true, email: true, role: true, senior: true } });
  return contextFor({ type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior });
}

const engineer = await person('engineer');
const day = new Date(Date.UTC(2090 + randomInt(0, 9), randomInt(0, 12), randomInt(1, 28)));
const iso = (d: Date) => d.toISOString().slice(0, 10);
const next = new Date(day.getTime() + 86_400_000);
const n = randomInt(100_000, 999_999_999);
const approvedId = `lambda-${iso(day).replace(/-/g, '')}-${n}`;
const proposedId = `lambda-${iso(next).replace(/-/g, '')}-${n}`;
await importParameterSet(engineer, {
  parameter_id: approvedId, kind: 'lambda', base_noise_lambda: 0.55, residual_noise_lambda: 0.3, effective_date: iso(day), approved_by: 'Model Governance Committee',
  performance_metrics: { fvd: 190, is: 70 }, tested_scenarios: ['policy_briefing', 'emergency_alert', 'instructional'], notes: 'e2e baseline',
});
const b = await proposeParameterSet(engineer, {
  parameter_id: proposedId, kind: 'lambda', base_noise_lambda: 0.65, residual_noise_lambda: 0.3, effective_date: iso(next),
  performance_metrics: { fvd: 180 }, tested_scenarios: ['policy_briefing'], notes: 'e2e: stronger base noise',
});
console.log(JSON.stringify({ approvedId, proposedId, proposedDbId: b.id, quorum: b.quorum }));
await prisma.$disconnect();
