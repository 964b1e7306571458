// Lays down, through the registry's own services (so every step has its audit event), a version
// of a component of its own in staging with a passed RAI assessment and an open committee
// promotion request holding `quorum − 1 − leave` approvals from committee members made here.
// Run by e2e/fixtures.ts (makePromotion) with DATABASE_URL pointing at the e2e database; prints
// one JSON line: { modelId, requestId, quorum, component }.
import { randomBytes } from 'node:crypto';

const leave = Number(process.argv[2] ?? '1'); // approvals still missing after this script
const { prisma } = await import('../../lib/db');
const { contextFor } = await import('../../lib/context');
const { registerModelVersion } = await import('../../lib/services/register-model-version');
const { addTestResult } = await import('../../lib/services/add-test-results');
const { transitionModelVersion } = await import('../../lib/services/transition-version');
const { recordRaiAssessment } = await import('../../lib/services/rai');
const { requestPromotion } = await import('../../lib/services/promotion');
const { castVote } = await import('../../lib/services/cast-vote');

const tag = randomBytes(4).toString('hex');
type Role = 'engineer' | 'committee';
async function person(role: Role) {
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.local`;
  const u = await prisma.user.create({ data: { email, name: `E2E ${role}`, role }, select: { id: true, email: true, role: true, senior: true } });
  return contextFor({ type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior });
}

const component = `e2e${tag}`;
await prisma.component.create({ data: { key: component, folder: component, name: `E2E ${tag}` }, select: { id: true } });
const engineer = await person('engineer');
const { modelId } = await registerModelVersion(engineer, {
  component, architecture: 'diffusion', version: '1.0.0', releaseDate: '2023-09-01', description: `e2e approvals ${tag}`,
  metrics: [{ metric: 'fvd', value: 180 }, { metric: 'is', value: 73 }, { metric: 'temporal_coherence', value: 0.94 }],
});
await addTestResult(engineer, modelId, { suite: 'unit', passed: 10, failed: 0 });
await transitionModelVersion(engineer, modelId, { to: 'testing' });
await transitionModelVersion(engineer, modelId, { to: 'staging' });
await recordRaiAssessment(await person('committee'), modelId, {
  biasMetrics: [{ testSet: 'diverse-speakers', metric: 'parity_gap', value: 0.01, threshold: 0.05 }],
  languageMetrics: { en: 0.9, hi: 0.89 },
  robustness: [{ attack: 'adversarial-prompts', passed: true }],
  ethicsChecklist: { 'Reviewed against PIB ethical guidelines': true },
});
const request = await requestPromotion(engineer, modelId, { reason: `e2e ${tag}` });
const { id: requestId, quorum } = await prisma.promotionRequest.findUniqueOrThrow({ where: { id: request.id }, select: { id: true, quorum: true } });
for (let i = 0; i < quorum - leave; i++) await castVote(await person('committee'), requestId, { decision: 'approve', comment: 'e2e' });
console.log(JSON.stringify({ modelId, requestId, quorum, component }));
await prisma.$disconnect();
