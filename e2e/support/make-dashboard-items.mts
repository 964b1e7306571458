// Lays down, through the registry's own services (each step audited), what e2e/dashboards-compare.spec.ts
// looks for, on components of its own so the demo's rows never change:
//  - two versions registered by the engineer given (argv[2], a user id): v1.0.0 and v1.1.0 with
//    FVD / IS / TC / generation time per scenario and FVD per language (en, hi, ta); v1.1.0 is
//    better on all four overall metrics and worse in one language (ta). Both stay "registered",
//    so the engineer's dashboard names their next gate (unit tests).
//  - on a second component, two hotfixes promoted by the emergency path (ratifications opened) and
//    an incident on the second, rolled back to the first: an open ratification and a root cause
//    analysis for the auditor's "Overdue". Their deadlines are then moved into the past (the only
//    direct write: the services date them from now, and a test cannot wait days).
// Prints one JSON line: { component, v100, v110, incidentTitle, ratificationModelId }.
import { randomBytes } from 'node:crypto';

const engineerId = process.argv[2];
if (!engineerId) throw new Error('usage: make-dashboard-items.mts <engineer user id>');
const { prisma } = await import('../../lib/db');
const { contextFor } = await import('../../lib/context');
const { metricsOf } = await import('../../lib/demo/data');
const { registerModelVersion } = await import('../../lib/services/register-model-version');
const { addTestResult } = await import('../../lib/services/add-test-results');
const { transitionModelVersion } = await import('../../lib/services/transition-version');
const { requestEmergencyPromotion } = await import('../../lib/services/promotion');
const { castVote } = await import('../../lib/services/cast-vote');
const { openIncident } = await import('../../lib/services/incidents');

const tag = randomBytes(4).toString('hex');
async function person(role: 'engineer' | 'committee', senior = false) {
  const email = `${role}-${randomBytes(4).toString('hex')}@e2e.local`;
  const u = await prisma.user.create({ data: { email, name: `E2E ${role}`, role, senior }, select: { id: true, email: true, role: true, senior: true } });
  return contextFor({ type: 'user', id: u.id, label: u.email, role: u.role, senior: u.senior });
}
const me = await prisma.user.findUniqueOrThrow({ where: { id: engineerId }, select: { id: true, email: true, role: true, senior: true } });
const engineer = contextFor({ type: 'user', id: me.id, label: me.email, role: me.role, senior: me.senior });

// ── the engineer's own versions (compare + "my versions") ──
const component = `e2ecmp${tag}`;
await prisma.component.create({ data: { key: component, folder: component, name: `E2E compare ${tag}` }, select: { id: true } });
const common = { component, architecture: 'diffusion', description: `e2e dashboards ${tag}` };
const v100 = await registerModelVersion(engineer, {
  ...common, version: '1.0.0', releaseDate: '2024-01-10',
  metrics: metricsOf({ fvd: 200, is: 70, tc: 0.9, gt: 4 }, { en: 1, hi: 1.1, ta: 1.1 }),
});
const v110 = await registerModelVersion(engineer, {
  ...common, version: '1.1.0', releaseDate: '2024-03-01',
  metrics: metricsOf({ fvd: 180, is: 74, tc: 0.93, gt: 3.6 }, { en: 1, hi: 1.05, ta: 1.25 }),
});

// ── an overdue ratification and an overdue root cause analysis ──
const other = await person('engineer');
const seniors = [await person('engineer', true), await person('engineer', true)];
const hotComponent = `e2ehot${tag}`;
await prisma.component.create({ data: { key: hotComponent, folder: hotComponent, name: `E2E hotfix ${tag}` }, select: { id: true } });
const hotfix = async (version: string, releaseDate: string) => {
  const { modelId } = await registerModelVersion(other, {
    component: hotComponent, architecture: 'diffusion', version, releaseDate, description: `e2e hotfix ${tag}`, tags: ['emergency'],
    git: { branch: `hotfix/e2e-${tag}`, commit: randomBytes(20).toString('hex'), message: `fix: e2e ${tag}` },
    metrics: [{ metric: 'fvd', value: 190 }],
  });
  await addTestResult(other, modelId, { suite: 'unit', passed: 5, failed: 0 });
  await transitionModelVersion(other, modelId, { to: 'testing' });
  await transitionModelVersion(other, modelId, { to: 'staging' });
  const req = await requestEmergencyPromotion(other, modelId, { reason: `e2e hotfix ${tag}` });
  for (const s of seniors) await castVote(s, req.id, { decision: 'approve', comment: 'e2e' });
  return modelId;
};
const h1 = await hotfix('1.0.0', '2024-02-01');
const h2 = await hotfix('1.0.1', '2024-02-02');
const incidentTitle = `E2E incident ${tag}`;
const incident = await openIncident(other, h2, { title: incidentTitle, severity: 'major' });
const ratification = await prisma.promotionRequest.findFirstOrThrow({
  where: { kind: 'ratification', status: 'open', version: { modelId: { in: [h1, h2] } } },
  select: { id: true, version: { select: { modelId: true } } },
});
await prisma.$executeRaw`UPDATE promotion_requests SET due_at = now() - interval '2 hours' WHERE id = ${ratification.id}`;
await prisma.$executeRaw`UPDATE incidents SET rca_due_at = now() - interval '1 hour' WHERE id = ${incident.id}`;

console.log(JSON.stringify({ component, v100: v100.modelId, v110: v110.modelId, incidentTitle, ratificationModelId: ratification.version.modelId }));
await prisma.$disconnect();
