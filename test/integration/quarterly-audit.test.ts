import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { contextFor, manualClock } from '@/lib/context';
import { loadDemoStory } from '@/lib/demo/story';
import { proposeParameterSet } from '@/lib/services/parameter-sets';
import { addTestResult } from '@/lib/services/add-test-results';
import { castVote } from '@/lib/services/cast-vote';
import { requestPromotion } from '@/lib/services/promotion';
import { registerModelVersion } from '@/lib/services/register-model-version';
import { transitionModelVersion } from '@/lib/services/transition-version';
import { collectAuditFacts } from '@/lib/quarterly-audit/collect';
import { CONTROLS } from '@/lib/quarterly-audit/controls';
import { parseQuarter, quarterOf } from '@/lib/quarterly-audit/quarter';
import { buildQuarterlyReport, type ChainEvidence } from '@/lib/quarterly-audit/report';
import { generateQuarterlyAudit } from '@/lib/quarterly-audit/snapshot';
import { requestQuarterlyAudit, runQuarterlyAuditJob, signOffQuarterlyAudit } from '@/lib/quarterly-audit/runs';
import { sha256 } from '@/lib/quarterly-audit/bundle';
import { auditView } from '@/lib/quarterly-audit/api-views';
import { getQuarterlyAudit, getQuarterlyAuditFile, storedFileBytes } from '@/lib/quarterly-audit/queries';
import { ParameterChangesFileSchema } from '@/lib/quarterly-audit/parameter-changes-file';
import { verifyBundle } from '@/lib/quarterly-audit/verify-bundle';
import { signingKey } from '@/lib/audit/signing-key';
import { enqueueQuarterlyAudit } from '@/lib/jobs/quarterly-audit-queue';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { makeComponent, makeUser } from '../fixtures';
import { appError, prisma, withOwnDatabase } from './_governance';

// The quarterly audit over the demo story, plus violations injected by the test itself in a
// quarter of their own (2021Q2), so the demo's quarters stay as the story tells them.
withOwnDatabase('mgr_qaudit');

const NO_CHAIN: ChainEvidence = { headSeq: 0, headHash: '0'.repeat(64), eventsInQuarter: 0, verified: true, detail: 'not checked in this test' };
const Q2_2023 = quarterOf(2023, 2);
let auditor: Actor;

beforeAll(async () => {
  await loadDemoStory(prisma);
  auditor = await makeUser('auditor', { name: 'Test Auditor' });
}, 240_000);

describe('quarter input', () => {
  it('names the field and the reason for a malformed or future quarter', async () => {
    for (const bad of ['2023Q5', '2023-Q2', '', 'Q2 2023', 2023]) {
      const e = await appError(() => requestQuarterlyAudit(contextFor(auditor), { quarter: bad }));
      expect(e.code).toBe('validation_failed');
      expect(Object.keys(e.fieldErrors ?? {})).toEqual(['quarter']);
    }
    const future = await appError(() => requestQuarterlyAudit(contextFor(auditor, { now: () => new Date('2023-05-01T00:00:00Z') }), { quarter: '2023Q3' }));
    expect(future.fieldErrors?.quarter?.[0]).toMatch(/future/);
    expect(parseQuarter('2023q2', new Date()).id).toBe('2023Q2');
  });

  it('refuses engineers and committee members', async () => {
    for (const role of ['engineer', 'committee', 'viewer', 'admin'] as const) {
      const e = await appError(async () => requestQuarterlyAudit(contextFor(await makeUser(role)), { quarter: '2023Q2' }));
      expect(e.code).toBe('forbidden');
    }
  });
});

describe('2023Q2 of the demo story', () => {
  it('lists exactly the production deployments, transitions and parameter changes recorded in the quarter', async () => {
    const r = await buildQuarterlyReport(contextFor(auditor), Q2_2023, NO_CHAIN);
    const inQ = { gte: Q2_2023.start, lt: Q2_2023.end };
    const transitions = await prisma.statusTransition.findMany({ where: { at: inQ }, select: { toStatus: true, fromStatus: true, version: { select: { modelId: true } } } });
    expect(r.transitions.map((t) => `${t.modelId}:${t.from}->${t.to}`).sort()).toEqual(transitions.map((t) => `${t.version.modelId}:${t.fromStatus}->${t.toStatus}`).sort());
    expect(r.deployments.map((d) => d.modelId).sort()).toEqual(transitions.filter((t) => t.toStatus === 'production').map((t) => t.version.modelId).sort());
    const sets = await prisma.parameterSet.findMany({
      where: { OR: [{ createdAt: inQ }, { approvedAt: inQ }, { effectiveDate: inQ }, { votes: { some: { createdAt: inQ } } }] },
      select: { parameterId: true },
    });
    expect(sets.length).toBeGreaterThan(0);
    expect(r.parameterChanges.map((p) => p.parameter_id).sort()).toEqual(sets.map((s) => s.parameterId).sort());
    // Every check is tagged with at least one control, and the gap list is what the map says.
    for (const c of r.checks) expect(c.controls.length).toBeGreaterThan(0);
    expect(r.gaps.map((g) => g.id)).toEqual(r.controlMap.filter((m) => m.checks === 0).map((m) => m.control.id));
  });

  it('gives a correct, empty report for a quarter with no activity', async () => {
    const r = await buildQuarterlyReport(contextFor(auditor), quarterOf(1999, 1), NO_CHAIN);
    expect(r.summary).toMatchObject({ checks: 0, failed: 0, deployments: 0, transitions: 0, parameterChanges: 0, compliant: true });
    expect(r.gaps).toHaveLength(CONTROLS.length);
  });
});

// The metric values the report reads: every row of a version in production (the performance
// review shows scenarios and languages); of the other versions, the overall value of a metric, or
// its scenario values when it has no overall value (what the gates resolve). In a quarter of its own.
describe('metric values read for 2020Q3', () => {
  it('reads every row of production versions and, of the others, the overall value or else the scenario values', async () => {
    const clock = manualClock('2020-07-15T09:00:00Z');
    const eng = await makeUser('engineer');
    const at = contextFor(eng, { db: prisma, now: clock.now });
    const comp = await makeComponent();
    const register = (version: string) =>
      registerModelVersion(at, {
        component: comp.key, architecture: 'diffusion', version, releaseDate: '2020-07-15',
        git: { commit: randomBytes(20).toString('hex'), branch: 'develop', message: `[BASE] TUNE: metrics ${version}` },
        artifacts: [{ path: 'model.pt', sha256: 'c'.repeat(64), sizeBytes: 10 }],
      });
    const [prod, overall, scenariosOnly] = [await register('1.0.0'), await register('1.1.0'), await register('1.2.0')];
    const defs = await prisma.metricDefinition.findMany({ where: { key: { in: ['fvd', 'is'] } }, select: { id: true, key: true } });
    const fvd = defs.find((d) => d.key === 'fvd')!.id;
    const is = defs.find((d) => d.key === 'is')!.id;
    const rows = (versionId: string, definitionId: string, cells: [string, string, number][]) => cells.map(([scenario, language, value]) => ({ versionId, definitionId, scenario, language, value }));
    const full: [string, string, number][] = [['', '', 200], ['policy_briefing', '', 210], ['', 'hi', 220]];
    await prisma.metric.createMany({
      data: [
        ...rows(prod.id, fvd, full),
        ...rows(overall.id, fvd, full),
        ...rows(overall.id, is, [['emergency_alert', '', 61], ['instructional', '', 62], ['', 'ta', 63]]),
        ...rows(scenariosOnly.id, fvd, [['policy_briefing', '', 180], ['emergency_alert', '', 190], ['', 'bn', 170]]),
      ],
    });
    for (const v of [prod, overall, scenariosOnly]) {
      await prisma.statusTransition.create({ data: { versionId: v.id, fromStatus: 'development', toStatus: 'testing', reason: 'tests pass', actorLabel: eng.label, actorId: eng.id, at: clock.now() } });
    }
    await prisma.statusTransition.create({ data: { versionId: prod.id, fromStatus: 'staging', toStatus: 'production', reason: 'approved', actorLabel: eng.label, actorId: eng.id, at: clock.now() } });

    const facts = await collectAuditFacts(contextFor(auditor), quarterOf(2020, 3));
    const of = (versionId: string) =>
      facts.metrics.filter((m) => m.versionId === versionId).map((m) => `${m.metric}|${m.scenario}|${m.language}|${m.value}`).sort();
    expect(of(prod.id)).toEqual(['fvd|policy_briefing||210', 'fvd||hi|220', 'fvd|||200']);
    // FVD has an overall value: that alone. IS has none: its scenario values, no language rows.
    expect(of(overall.id)).toEqual(['fvd|||200', 'is|emergency_alert||61', 'is|instructional||62']);
    expect(of(scenariosOnly.id)).toEqual(['fvd|emergency_alert||190', 'fvd|policy_briefing||180']);
  });
});

describe('violations injected in 2021Q2', () => {
  const Q = quarterOf(2021, 2);
  let skipped: { modelId: string };
  beforeAll(async () => {
    const clock = manualClock('2021-04-10T09:00:00Z');
    const at = (a: Actor) => contextFor(a, { db: prisma, now: clock.now });
    const eng = await makeUser('engineer');
    const [m1] = await prisma.user.findMany({ where: { role: 'committee', active: true }, select: { id: true, email: true, role: true, senior: true }, take: 1 });
    const member: Actor = { type: 'user', id: m1.id, label: m1.email, role: m1.role, senior: m1.senior };
    const comp = await makeComponent();
    const v = await registerModelVersion(at(eng), {
      component: comp.key, architecture: 'diffusion', version: '3.0.0', releaseDate: '2021-04-10',
      git: { commit: randomBytes(20).toString('hex'), branch: 'develop', message: '[BASE] TUNE: injected' },
      artifacts: [{ path: 'model.pt', sha256: 'b'.repeat(64), sizeBytes: 10 }],
    });
    await addTestResult(at(eng), v.id, { suite: 'unit', passed: 10, failed: 0 });
    clock.advance(3_600_000);
    await transitionModelVersion(at(eng), v.id, { to: 'testing' });
    await transitionModelVersion(at(eng), v.id, { to: 'staging' });
    const req = await requestPromotion(at(eng), v.id, { reason: 'injected: one vote only' });
    clock.advance(3_600_000);
    await castVote(at(member), req.id, { decision: 'approve', comment: 'first and only vote' });
    // Straight into production in the database, behind the quorum's back.
    clock.advance(3_600_000);
    await prisma.modelVersion.update({ where: { id: v.id }, data: { status: 'production' } });
    await prisma.statusTransition.create({ data: { versionId: v.id, fromStatus: 'staging', toStatus: 'production', reason: 'pushed', actorLabel: eng.label, actorId: eng.id, requestId: req.id, at: clock.now() } });
    skipped = { modelId: v.modelId };
    // A parameter set proposed but never voted on, effective in the quarter…
    await proposeParameterSet(at(eng), { parameter_id: 'lambda-20210501-9', base_noise_lambda: 0.9, residual_noise_lambda: 0.1, effective_date: '2021-05-01' });
    // …and one switched to approved in the database with no vote at all.
    const forged = await proposeParameterSet(at(eng), { parameter_id: 'inference-20210601-9', effective_date: '2021-06-01', parameters: { sampling_steps: 10 } });
    await prisma.parameterSet.update({ where: { id: forged.id }, data: { status: 'approved', approvedBy: 'Model Governance Committee', approvedAt: new Date('2021-05-30T00:00:00Z') } });
  });

  it('flags the promotion that skipped quorum and the parameter changes made without approval', async () => {
    const r = await buildQuarterlyReport(contextFor(auditor), Q, NO_CHAIN);
    const quorum = r.checks.find((c) => c.kind === 'quorum' && c.subject === skipped.modelId);
    expect(quorum).toMatchObject({ result: 'fail' });
    expect(quorum!.evidence).toMatch(/1 approval of [2-9] needed/);
    expect(quorum!.controls).toContain('SR11-7-EC');
    const promotionRecord = r.checks.find((c) => c.kind === 'promotion_record' && c.subject === skipped.modelId);
    expect(promotionRecord?.result).toBe('fail'); // the request itself is still open
    expect(r.unapprovedModifications).toEqual(expect.arrayContaining([
      expect.objectContaining({ subject: 'lambda-20210501-9', flag: 'proposed_but_effective' }),
      expect.objectContaining({ subject: 'inference-20210601-9', flag: 'approval_not_recorded_here' }),
    ]));
    expect(r.summary.compliant).toBe(false);
  });
});

describe('generated snapshot', () => {
  let generated: Awaited<ReturnType<typeof generateQuarterlyAudit>>;
  beforeAll(async () => {
    generated = await generateQuarterlyAudit(contextFor(auditor), quarterOf(2021, 2));
  }, 120_000);

  it('stores the files with their SHA-256, the chain head of a fresh checkpoint, and an audit event', async () => {
    const row = await prisma.quarterlyAudit.findUniqueOrThrow({ where: { id: generated.id }, select: { chainHeadHash: true, chainHeadSeq: true, files: { select: { name: true, sha256: true, sizeBytes: true, content: true, contentEncoding: true } } } });
    const cp = await prisma.auditCheckpoint.findFirst({ where: { reason: 'quarterly audit 2021Q2' }, orderBy: { id: 'desc' }, select: { seq: true, hash: true } });
    expect(cp).toEqual({ seq: row.chainHeadSeq, hash: row.chainHeadHash });
    expect(row.files.map((f) => f.name).sort()).toEqual(['audit-2021Q2-bundle.zip', 'compliance_checklist.md', 'model_audit_report.pdf', 'parameter_changes.json']);
    for (const f of row.files) {
      const bytes = storedFileBytes(f);
      expect(sha256(bytes)).toBe(f.sha256);
      expect(bytes.length).toBe(f.sizeBytes);
    }
    // Text is stored deflated, as the zip holds it; the PDF and the zip as they are.
    const encodings = Object.fromEntries(row.files.map((f) => [f.name, f.contentEncoding]));
    expect(encodings).toEqual({ 'audit-2021Q2-bundle.zip': 'identity', 'compliance_checklist.md': 'deflate-raw', 'model_audit_report.pdf': 'identity', 'parameter_changes.json': 'deflate-raw' });
    const checklist = row.files.find((f) => f.name === 'compliance_checklist.md')!;
    expect(checklist.content.length).toBeLessThan(checklist.sizeBytes);
    // What an auditor downloads is the file itself, byte for byte as hashed.
    for (const f of row.files) {
      const got = await getQuarterlyAuditFile(contextFor(auditor), generated.id, f.name);
      expect(sha256(got.content)).toBe(f.sha256);
    }
    const ev = await prisma.auditEvent.findFirst({ where: { action: 'quarterly_audit.generate', entityId: generated.id }, select: { change: true } });
    expect(JSON.stringify(ev?.change)).toContain(row.chainHeadHash);
  });

  it('lists the snapshot with the same summary as the report', async () => {
    const view = auditView(await getQuarterlyAudit(contextFor(auditor), generated.id));
    const s = generated.report.summary;
    expect(view.summary).toMatchObject({ checks: s.checks, passed: s.passed, failed: s.failed, deployments: s.deployments, transitions: s.transitions, parameterChanges: s.parameterChanges, flagged: s.flagged });
    expect(view.summary.deployments).toBeGreaterThan(0);
  });

  it('has a PDF whose text names the model ids and the head hash', async () => {
    const pdf = await prisma.quarterlyAuditFile.findFirstOrThrow({ where: { auditId: generated.id, name: 'model_audit_report.pdf' }, select: { content: true } });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'qa-')), 'r.pdf');
    writeFileSync(file, pdf.content);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(generated.report.deployments.length).toBeGreaterThan(0);
    for (const d of generated.report.deployments) expect(text).toContain(d.modelId);
    expect(text).toContain(generated.chainHeadHash);
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('writes parameter_changes.json to its documented schema', async () => {
    const f = await getQuarterlyAuditFile(contextFor(auditor), generated.id, 'parameter_changes.json');
    const parsed = ParameterChangesFileSchema.parse(JSON.parse(Buffer.from(f.content).toString('utf8')));
    expect(parsed.unapproved_modifications.map((m) => m.subject)).toEqual(expect.arrayContaining(['lambda-20210501-9', 'inference-20210601-9']));
  });

  it('has a zip laid out as docs/audits/QUARTER/ holding the files with the recorded hashes', async () => {
    const files = await prisma.quarterlyAuditFile.findMany({ where: { auditId: generated.id }, select: { name: true, sha256: true, content: true } });
    const zip = unzipSync(files.find((f) => f.name.endsWith('.zip'))!.content);
    for (const f of files.filter((x) => !x.name.endsWith('.zip'))) {
      expect(sha256(zip[`docs/audits/2021Q2/${f.name}`])).toBe(f.sha256);
    }
    // The stored bundle verifies offline, against the registry's public key.
    const bundle = files.find((f) => f.name.endsWith('.zip'))!.content;
    const v = verifyBundle(bundle, { trustedPublicKeyPem: signingKey().publicKeyPem });
    expect(v).toMatchObject({ ok: true, quarter: '2021Q2', toSeq: expect.any(Number) as number });
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['docs/audits/2021Q2/manifest.json', 'docs/audits/2021Q2/evidence/events.jsonl', 'docs/audits/2021Q2/evidence/checkpoint-end.json', 'docs/audits/2021Q2/evidence/public-key.pem']));
    // An auditor opens it with whatever they have: Python's zipfile reads every entry and checks its CRC.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'qa-')), 'bundle.zip');
    writeFileSync(file, bundle);
    const listed = execFileSync('python3', ['-c', 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nprint(bad or "\\n".join(i.filename for i in z.infolist()))\nsys.exit(1 if bad else 0)', file], { encoding: 'utf8' });
    expect(listed.trim().split('\n').sort()).toEqual(Object.keys(zip).sort());
  });

  it('starts a run once; a run left running by a dead worker starts again after it expires', async () => {
    const fresh = await requestQuarterlyAudit(contextFor(auditor), { quarter: '1999Q1' });
    await prisma.quarterlyAuditRun.update({ where: { id: fresh.id }, data: { status: 'running', startedAt: new Date() } });
    expect((await runQuarterlyAuditJob(fresh.id, { db: prisma })).status).toBe('skipped');
    await prisma.quarterlyAuditRun.update({ where: { id: fresh.id }, data: { startedAt: new Date(Date.now() - 16 * 60_000) } });
    expect((await runQuarterlyAuditJob(fresh.id, { db: prisma })).status).toBe('succeeded');
    await expect(prisma.quarterlyAuditRun.update({ where: { id: fresh.id }, data: { status: 'queued' } })).rejects.toThrow(/finished run is immutable/);
  });

  it('a run whose job cannot be queued is generated in this process, not lost', async () => {
    const run = await requestQuarterlyAudit(contextFor(auditor), { quarter: '1999Q2' });
    const failing = { send: async () => { throw new TypeError("Cannot destructure property 'rows' of '(intermediate value)' as it is undefined."); } } as unknown as PgBoss;
    expect(await enqueueQuarterlyAudit(run.id, { boss: failing, db: prisma })).toBe('in-process');
    let status = 'queued';
    for (let i = 0; i < 100 && (status === 'queued' || status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await prisma.quarterlyAuditRun.findUniqueOrThrow({ where: { id: run.id } })).status;
    }
    expect(status).toBe('succeeded');
  });

  it('is immutable; regenerating makes a new snapshot; sign-off happens once with a comment', async () => {
    await expect(prisma.quarterlyAuditFile.updateMany({ where: { auditId: generated.id }, data: { sha256: 'f'.repeat(64) } })).rejects.toThrow(/immutable/);
    await expect(prisma.quarterlyAudit.update({ where: { id: generated.id }, data: { chainHeadHash: 'f'.repeat(64) } })).rejects.toThrow(/immutable/);
    const run = await requestQuarterlyAudit(contextFor(auditor), { quarter: '2021Q2' });
    const done = await runQuarterlyAuditJob(run.id, { db: prisma });
    expect(done.status).toBe('succeeded');
    expect(done.auditId).not.toBe(generated.id);
    expect(await prisma.quarterlyAudit.count({ where: { quarter: '2021Q2' } })).toBe(2);
    const noComment = await appError(() => signOffQuarterlyAudit(contextFor(auditor), generated.id, { comment: ' ' }));
    expect(noComment.fieldErrors?.comment).toBeDefined();
    await signOffQuarterlyAudit(contextFor(auditor), generated.id, { comment: 'Checked the quorum finding with the committee chair' });
    expect((await appError(() => signOffQuarterlyAudit(contextFor(auditor), generated.id, { comment: 'again' }))).code).toBe('conflict');
  });
});

describe('an event rewritten behind the application after it was checkpointed', () => {
  it('fails the chain-integrity check of the quarter it falls in, naming the event', async () => {
    // Generating signs a checkpoint of the head first (and would refuse a broken run after the last
    // checkpoint), so the rewritten event is one a checkpoint already covers.
    await generateQuarterlyAudit(contextFor(auditor), quarterOf(1999, 3));
    const target = await prisma.auditEvent.findFirstOrThrow({ where: { occurredAt: { gte: Q2_2023.start, lt: Q2_2023.end } }, orderBy: { seq: 'asc' }, select: { seq: true, change: true } });
    const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await raw.connect();
    const tamper = async (change: unknown) => {
      await raw.query('SET session_replication_role = replica');
      try {
        await raw.query('UPDATE audit_events SET change = $2 WHERE seq = $1', [target.seq, JSON.stringify(change)]);
      } finally {
        await raw.query('SET session_replication_role = DEFAULT');
      }
    };
    try {
      await tamper({ ...(target.change as object), rewritten: true });
      const g = await generateQuarterlyAudit(contextFor(auditor), Q2_2023);
      expect(g.report.chain).toMatchObject({ verified: false, detail: expect.stringContaining(`broken at event #${target.seq}`) as string });
      expect(g.report.checks.find((c) => c.kind === 'chain_integrity')).toMatchObject({ result: 'fail' });
      expect(g.report.summary.compliant).toBe(false);
    } finally {
      await tamper(target.change);
      await raw.end();
    }
  }, 120_000);
});

