import PDFDocument from 'pdfkit';
import type { Check } from './controls';
import { barChart, COLORS, footers, heading, MARGIN, para, pdfText, table, type Cell } from './pdf-layout';
import type { QuarterlyReport } from './report';

// model_audit_report.pdf, drawn with pdfkit (docs/decisions/ on why not Chromium's print): a cover,
// the summary and findings, then the five steps with tables and charts, page numbers on each page.

const resultCell = (r: string): Cell => ({ text: r.toUpperCase(), color: r === 'pass' ? COLORS.pass : r === 'fail' ? COLORS.fail : COLORS.pending, bold: true });
const short = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');
const fmt = (n: number | null | undefined) => (n == null ? '—' : Number.isInteger(n) ? String(n) : String(+n.toFixed(3)));
const CHART_METRICS = ['fvd', 'is', 'temporal_coherence', 'generation_time'];
/** Long tables are cut here in the PDF (failures first); every row is in the JSON and Markdown files. */
const MAX_ROWS = 150;
/** Production versions per component charted and tabulated (the latest ones). */
const MAX_VERSIONS = 8;

/** Rows with a failing or pending check first, then the rest, at most MAX_ROWS; and how many were left out. */
function firstRows<T extends { checks: string[] }>(rows: T[], byId: Map<string, Check>): { shown: T[]; omitted: number } {
  const bad = (r: T) => r.checks.some((id) => byId.get(id)?.result !== 'pass');
  const ordered = rows.length <= MAX_ROWS ? rows : [...rows.filter(bad), ...rows.filter((r) => !bad(r))];
  return { shown: ordered.slice(0, MAX_ROWS), omitted: Math.max(0, rows.length - MAX_ROWS) };
}
const omittedNote = (doc: PDFKit.PDFDocument, n: number, where: string) => {
  if (n > 0) para(doc, `… and ${n} more row(s), all passing; every row is in ${where}.`, { size: 8.5, color: COLORS.muted });
};

function cover(doc: PDFKit.PDFDocument, r: QuarterlyReport): void {
  const s = r.summary;
  doc.rect(0, 0, doc.page.width, 8).fill(COLORS.accent);
  doc.moveDown(6);
  doc.font('Helvetica').fontSize(12).fillColor(COLORS.muted).text('PIB-VideoGen Model Governance Registry', MARGIN);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(30).fillColor(COLORS.ink).text('Model audit report');
  doc.font('Helvetica-Bold').fontSize(22).fillColor(COLORS.accent).text(`Quarter ${r.quarter}`);
  doc.moveDown(0.4).font('Helvetica').fontSize(12).fillColor(COLORS.ink).text(`${r.period.start.slice(0, 10)} to ${r.period.lastDay} (UTC)`);
  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(16).fillColor(s.compliant ? COLORS.pass : COLORS.fail).text(s.compliant ? 'Result: compliant' : `Result: NOT compliant (${s.failed} failed check${s.failed === 1 ? '' : 's'})`);
  doc.moveDown(0.5).font('Helvetica').fontSize(11).fillColor(COLORS.ink)
    .text(`${s.checks} checks: ${s.passed} passed, ${s.failed} failed, ${s.pending} pending`)
    .text(`${s.deployments} production deployment(s) · ${s.transitions} transition(s) · ${s.parameterChanges} parameter change(s) · ${s.incidents} incident(s)`)
    .text(`${s.flagged} parameter modification(s) without a recorded approval`);
  doc.moveDown(2).font('Helvetica').fontSize(9.5).fillColor(COLORS.muted)
    .text(`Generated ${short(r.generatedAt)} UTC by ${pdfText(r.generatedBy)}`)
    .text(`Audit chain head at generation: event #${r.chain.headSeq}`)
    .font('Courier').fontSize(9).text(r.chain.headHash)
    .font('Helvetica').fontSize(9.5).text(`Events in the quarter: ${r.chain.eventsInQuarter}. Chain check: ${pdfText(r.chain.detail)}`);
  doc.moveDown(1).text('The bundle (zip) carries this report, parameter_changes.json, compliance_checklist.md, the quarter\'s audit events and the signed checkpoints at its start and end; verify it offline with `mgr verify-bundle`.');
}

function findings(doc: PDFKit.PDFDocument, r: QuarterlyReport): void {
  heading(doc, 'Summary and findings');
  if (r.checks.length === 0) {
    para(doc, 'No activity was recorded in this quarter: no version reached production, no status changed, no parameter set was recorded, voted or took effect, and no incident was opened. There is nothing to check; every control below is a gap for this quarter.');
  }
  const failed = r.checks.filter((c) => c.result !== 'pass');
  if (r.checks.length > 0 && failed.length === 0) para(doc, 'Every check passed. No findings.');
  if (failed.length) {
    para(doc, `${failed.length} finding(s): failed checks, and pending ones whose deadline falls after the end of the period.`);
    table(doc, [{ header: 'Check', width: 0.07 }, { header: 'Result', width: 0.09 }, { header: 'What', width: 0.22 }, { header: 'Subject', width: 0.24 }, { header: 'Evidence', width: 0.38 }],
      failed.slice(0, MAX_ROWS).map((c) => [c.id, resultCell(c.result), c.title, c.subject, c.evidence]));
    if (failed.length > MAX_ROWS) para(doc, `… and ${failed.length - MAX_ROWS} more finding(s); every check is in compliance_checklist.md.`, { size: 8.5, color: COLORS.muted });
  }
  if (r.unapprovedModifications.length) {
    heading(doc, 'Parameter modifications without a recorded approval', 12);
    table(doc, [{ header: 'Subject', width: 0.3 }, { header: 'Flag', width: 0.22 }, { header: 'Evidence', width: 0.4 }, { header: 'Check', width: 0.08 }],
      r.unapprovedModifications.slice(0, MAX_ROWS).map((f) => [f.subject, f.flag.replace(/_/g, ' '), f.evidence, f.check]));
    if (r.unapprovedModifications.length > MAX_ROWS) para(doc, `… and ${r.unapprovedModifications.length - MAX_ROWS} more; all are in parameter_changes.json.`, { size: 8.5, color: COLORS.muted });
  }
}

function deployments(doc: PDFKit.PDFDocument, r: QuarterlyReport, byId: Map<string, Check>): void {
  heading(doc, '1. Versions deployed to production');
  if (r.deployments.length === 0) return para(doc, 'No version reached production in this quarter.');
  const dep = firstRows(r.deployments, byId);
  table(doc, [{ header: 'Model id', width: 0.3 }, { header: 'When (UTC)', width: 0.14 }, { header: 'Path', width: 0.1 }, { header: 'Approvals / quorum', width: 0.12 }, { header: 'RAI', width: 0.14 }, { header: 'Checks', width: 0.2 }],
    dep.shown.map((d) => [
      { text: d.modelId, bold: true }, short(d.at), d.path, d.quorum == null ? '—' : `${d.approvals} / ${d.quorum}`,
      d.rai ? `${d.rai.result}${d.rai.maxDisparity != null ? ` (disparity ${d.rai.maxDisparity})` : ''}` : '—',
      d.checks.map((id) => `${id} ${byId.get(id)!.result === 'pass' ? 'ok' : byId.get(id)!.result.toUpperCase()}`).join(', '),
    ]));
  omittedNote(doc, dep.omitted, 'compliance_checklist.md');
  for (const d of dep.shown.slice(0, 60)) {
    if (d.votes.length === 0 && !d.ratification && !d.incident) continue;
    para(doc, `${d.modelId} — ${d.path} path${d.requestedBy ? `, requested by ${d.requestedBy}` : ''}${d.incident ? `, incident "${d.incident.title}"` : ''}`, { bold: true, size: 9 });
    for (const v of d.votes) para(doc, `  • ${v.name} <${v.email}>: ${v.decision}${v.comment ? ` — "${v.comment}"` : ''} (${short(v.at)})`, { size: 8.5 });
    if (d.ratification) {
      para(doc, `  Ratification ${d.ratification.status}, due ${short(d.ratification.dueAt)}, decided ${short(d.ratification.decidedAt)}`, { size: 8.5 });
      for (const v of d.ratification.votes) para(doc, `    • ${v.name}: ${v.decision}${v.comment ? ` — "${v.comment}"` : ''}`, { size: 8.5 });
    }
    if (d.backport) para(doc, `  Backport to develop: ${d.backport.commit} (${short(d.backport.at)})`, { size: 8.5 });
  }
}

function performance(doc: PDFKit.PDFDocument, r: QuarterlyReport): void {
  heading(doc, '2. Performance across use cases', 16, 260);
  if (r.performance.length === 0) return para(doc, 'No version was in production during this quarter.');
  for (const all of r.performance) {
    const comp = { ...all, versions: all.versions.slice(-MAX_VERSIONS) };
    heading(doc, `Component ${comp.component}`, 12, 230);
    if (all.versions.length > MAX_VERSIONS) para(doc, `${all.versions.length} versions were in production this quarter; the latest ${MAX_VERSIONS} are shown.`, { size: 8.5, color: COLORS.muted });
    const key = CHART_METRICS.find((k) => comp.versions.some((v) => v.metrics.some((m) => m.metric === k)));
    if (key) {
      const scenarios = [...new Set(comp.versions.flatMap((v) => v.metrics.filter((m) => m.metric === key).flatMap((m) => Object.keys(m.byScenario))))].sort();
      const cats = ['overall', ...scenarios];
      const any = comp.versions.flatMap((v) => v.metrics).find((m) => m.metric === key)!;
      barChart(doc, `${any.name} by scenario (${any.direction.replace(/_/g, ' ')})`, cats.map((c) => ({
        label: c,
        values: comp.versions.flatMap((v) => {
          const m = v.metrics.find((x) => x.metric === key);
          const val = c === 'overall' ? m?.overall : m?.byScenario[c];
          return val == null ? [] : [{ series: `v${v.version}`, value: val }];
        }),
      })), any.unit ? `unit: ${any.unit}` : '');
    }
    const rows: Cell[][] = [];
    for (const v of comp.versions) for (const m of v.metrics) {
      rows.push([v.modelId, m.name, fmt(m.overall), Object.entries(m.byScenario).map(([s, x]) => `${s} ${fmt(x)}`).join(', ') || '—', Object.entries(m.byLanguage).map(([l, x]) => `${l} ${fmt(x)}`).join(', ') || '—']);
    }
    table(doc, [{ header: 'Version', width: 0.3 }, { header: 'Metric', width: 0.14 }, { header: 'Overall', width: 0.08, align: 'right' }, { header: 'By scenario', width: 0.32 }, { header: 'By language', width: 0.16 }], rows, { size: 7.5 });
  }
  if (r.claims.length) {
    heading(doc, 'Claimed vs measured impact', 12);
    table(doc, [{ header: 'Version', width: 0.3 }, { header: 'Metric', width: 0.18 }, { header: 'Claimed', width: 0.09, align: 'right' }, { header: 'Measured', width: 0.09, align: 'right' }, { header: 'vs', width: 0.24 }, { header: 'Verdict', width: 0.1 }],
      r.claims.map((c) => [c.modelId, c.metric, `${c.claimedPct > 0 ? '+' : ''}${c.claimedPct}%`, c.measuredPct == null ? '—' : `${c.measuredPct > 0 ? '+' : ''}${c.measuredPct}%`, c.previous ?? '—', { text: c.verdict, color: c.verdict === 'matches' ? COLORS.pass : COLORS.fail }]));
  }
}

function process(doc: PDFKit.PDFDocument, r: QuarterlyReport, byId: Map<string, Check>): void {
  heading(doc, '3. Was the process followed?', 16, 120);
  if (r.transitions.length === 0) para(doc, 'No status transition in this quarter.');
  const tr = firstRows(r.transitions, byId);
  if (r.transitions.length) table(doc, [{ header: 'When (UTC)', width: 0.13 }, { header: 'Model id', width: 0.3 }, { header: 'Transition', width: 0.19 }, { header: 'By', width: 0.18 }, { header: 'Checks', width: 0.2 }],
    tr.shown.map((t) => [short(t.at), t.modelId, `${t.from ?? 'new'} -> ${t.to}`, t.actor, t.checks.map((id) => `${id} ${byId.get(id)!.result === 'pass' ? 'ok' : byId.get(id)!.result.toUpperCase()}`).join(', ') || '—']), { size: 7.5 });
  omittedNote(doc, tr.omitted, 'compliance_checklist.md');
  if (r.incidents.length) {
    heading(doc, 'Incidents and rollbacks', 12);
    for (const i of r.incidents) {
      para(doc, `${i.title} — ${i.modelId} rolled back to ${i.rollbackTo ?? '—'}; opened ${short(i.openedAt)} by ${i.openedBy}; RCA ${i.rcaSubmittedAt ? `submitted ${short(i.rcaSubmittedAt)}` : 'not submitted'} (due ${short(i.rcaDueAt)})`, { size: 9 });
      para(doc, `Traffic: ${i.steps.map((s) => `${s.percent}% (${short(s.at)}, ${s.by})`).join(' -> ') || 'no step recorded'}`, { size: 8.5 });
    }
  }
  heading(doc, 'Parameter changes', 12);
  if (r.parameterChanges.length === 0) return para(doc, 'No parameter set was recorded, voted on, approved or took effect in this quarter.');
  table(doc, [{ header: 'Parameter id', width: 0.2 }, { header: 'Status', width: 0.1 }, { header: 'Effective', width: 0.1 }, { header: 'Values', width: 0.2 }, { header: 'Approval', width: 0.24 }, { header: 'Checks', width: 0.16 }],
    r.parameterChanges.map((p) => [
      p.parameter_id, p.status, p.effective_date,
      p.base_noise_lambda != null ? `lambda ${p.base_noise_lambda} / ${p.residual_noise_lambda}` : Object.entries(p.parameters).slice(0, 4).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', '),
      p.approval_recorded_in_registry ? `${p.votes.filter((v) => v.decision === 'approve').length}/${p.quorum} votes, ${short(p.approved_at)}` : p.source === 'import' ? `claimed by import: ${p.approved_by ?? '—'}` : 'not approved',
      p.checks.map((id) => `${id} ${byId.get(id)!.result === 'pass' ? 'ok' : byId.get(id)!.result.toUpperCase()}`).join(', '),
    ]), { size: 7.5 });
}

function compliance(doc: PDFKit.PDFDocument, r: QuarterlyReport): void {
  heading(doc, '5. Compliance: control map', 16, 200);
  table(doc, [{ header: 'Control', width: 0.56 }, { header: 'Framework', width: 0.16 }, { header: 'Checks', width: 0.07, align: 'right' }, { header: 'Pass', width: 0.07, align: 'right' }, { header: 'Fail', width: 0.07, align: 'right' }, { header: 'Pend.', width: 0.07, align: 'right' }],
    r.controlMap.map((m) => [`${m.control.id}: ${m.control.title}`, m.control.framework, String(m.checks), String(m.passed), { text: String(m.failed), color: m.failed ? COLORS.fail : COLORS.ink }, String(m.pending)]), { size: 7.5 });
  heading(doc, 'Gaps: controls with no evidence this quarter', 12);
  if (r.gaps.length === 0) para(doc, 'None.');
  for (const g of r.gaps) para(doc, `• ${g.id} (${g.framework}): ${g.title}`, { size: 9 });
  heading(doc, 'All checks', 12);
  const all = firstRows(r.checks.map((c) => ({ ...c, checks: [c.id] })), new Map(r.checks.map((c) => [c.id, c])));
  if (r.checks.length) table(doc, [{ header: 'Check', width: 0.07 }, { header: 'Result', width: 0.08 }, { header: 'Subject', width: 0.25 }, { header: 'Evidence', width: 0.42 }, { header: 'Controls', width: 0.18 }],
    all.shown.map((c) => [c.id, resultCell(c.result), `${c.subject}\n${c.title}`, c.evidence, c.controls.join(', ')]), { size: 7 });
  else para(doc, 'No checks: no activity in this quarter.');
  omittedNote(doc, all.omitted, 'compliance_checklist.md');
}

export function renderAuditPdf(r: QuarterlyReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: `Model audit report ${r.quarter}`, Author: r.generatedBy, Subject: `Quarterly audit ${r.quarter}; chain head ${r.chain.headHash}`, CreationDate: new Date(r.generatedAt), Keywords: r.deployments.map((d) => d.modelId).join(' ') },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const byId = new Map(r.checks.map((c) => [c.id, c]));
  cover(doc, r);
  doc.addPage();
  findings(doc, r);
  deployments(doc, r, byId);
  performance(doc, r);
  process(doc, r, byId);
  if (r.unapprovedModifications.length) {
    heading(doc, '4. Parameter modifications without a recorded approval');
    para(doc, `${r.unapprovedModifications.length} flagged; see the summary and parameter_changes.json.`);
  } else {
    heading(doc, '4. Parameter modifications without a recorded approval');
    para(doc, 'None flagged.');
  }
  compliance(doc, r);
  footers(doc, `Model audit report ${r.quarter} · chain head ${r.chain.headHash.slice(0, 16)}…`);
  doc.end();
  return done;
}
