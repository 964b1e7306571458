import type { Actor } from '../auth/permissions';
import { requirePermission } from '../auth/permissions';
import { prisma, type Db } from '../db';
import type { MetricDirection } from '../generated/prisma/enums';
import { MetadataSchema, type Metadata } from '../validation/model-version';
import { getVersionDetail, type VersionDetail } from './api-versions';
import { tallyVotes } from '../domain/votes';

// The seed's CI step "Create model cards with key metrics": one Markdown document per version,
// built from the registry's own records (never from what a client claims about itself).

const DIRECTION_TEXT: Record<MetricDirection, string> = {
  lower_is_better: '↓ lower is better',
  higher_is_better: '↑ higher is better',
};

/** Make text safe inside a Markdown table cell. */
function cell(v: unknown): string {
  const s = v === null || v === undefined || v === '' ? '—' : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Make free text safe as a Markdown paragraph (no headings or HTML injected by content). */
function para(s: string): string {
  return s
    .replace(/</g, '&lt;')
    .split(/\r?\n/)
    .map((line) => (/^\s{0,3}(#|```|~~~)/.test(line) ? `\\${line.trimStart()}` : line))
    .join('\n');
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Math.abs(n) >= 1e6 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential(3) : String(Math.round(n * 1e6) / 1e6);
}

function signedPct(n: number | null): string {
  if (n === null) return '—';
  return `${n > 0 ? '+' : ''}${n}%`;
}

function keyValueTable(obj: Record<string, unknown> | undefined, skip: string[] = []): string[] {
  const entries = Object.entries(obj ?? {}).filter(([k]) => !skip.includes(k));
  if (!entries.length) return ['_Not recorded._'];
  return ['| Field | Value |', '| --- | --- |', ...entries.map(([k, v]) => `| ${cell(k)} | ${cell(typeof v === 'object' ? JSON.stringify(v) : v)} |`)];
}

async function loadGovernance(db: Db, versionId: string) {
  const [promotions, rai, incidents] = await Promise.all([
    db.promotionRequest.findMany({
      where: { versionId },
      orderBy: { createdAt: 'asc' },
      select: {
        kind: true,
        status: true,
        quorum: true,
        createdAt: true,
        decidedAt: true,
        requestedBy: { select: { email: true } },
        votes: { orderBy: { createdAt: 'asc' }, select: { decision: true, comment: true, createdAt: true, voter: { select: { email: true } } } },
      },
    }),
    db.raiAssessment.findFirst({
      where: { versionId },
      orderBy: { assessedAt: 'desc' },
      select: { result: true, maxDisparity: true, notes: true, assessedAt: true, reviewer: { select: { email: true } }, ethicsChecklist: true },
    }),
    db.incident.findMany({
      where: { versionId },
      orderBy: { openedAt: 'asc' },
      select: { title: true, status: true, openedAt: true, rcaSubmittedAt: true },
    }),
  ]);
  return { promotions, rai, incidents };
}

function metadataOf(detail: VersionDetail): Metadata {
  const parsed = MetadataSchema.safeParse(detail.metadata);
  return parsed.success ? parsed.data : {};
}

export async function getModelCard(actor: Actor, ref: string, opts: { db?: Db } = {}): Promise<{ modelId: string; markdown: string }> {
  requirePermission(actor, 'read:registry');
  const db = opts.db ?? prisma;
  const d = await getVersionDetail(actor, ref, { db });
  const meta = metadataOf(d);
  const gov = await loadGovernance(db, d.id);
  const out: string[] = [];

  out.push(`# Model card: ${d.modelId}`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Model id | \`${d.modelId}\` |`);
  out.push(`| Component | ${cell(d.componentName)} (\`${d.component}\`) |`);
  out.push(`| Version | ${d.version} |`);
  out.push(`| Architecture | ${cell(d.architecture)} |`);
  out.push(`| Release date | ${d.releaseDate} |`);
  out.push(`| Status | **${d.status}** (since ${d.statusChangedAt.slice(0, 10)}) |`);
  out.push(`| Tags | ${d.tags.length ? d.tags.map((t) => `\`${t}\``).join(', ') : '—'} |`);
  out.push(`| Git | ${cell([d.git.branch, d.git.commit].filter(Boolean).join(' @ ') || null)} |`);
  out.push(`| Registered by | ${cell(d.registeredBy)} on ${d.createdAt.slice(0, 10)} |`);
  out.push('');

  out.push('## Description', '', d.description ? para(d.description) : '_No description._', '');

  out.push('## Architecture', '', ...keyValueTable(meta.architecture as Record<string, unknown> | undefined), '');
  out.push('## Training', '', ...keyValueTable(meta.training as Record<string, unknown> | undefined), '');

  out.push('## Metrics', '');
  if (!d.metrics.length) {
    out.push('_No metrics recorded._', '');
  } else {
    const scenarios = [...new Set(d.metrics.map((m) => m.scenario))].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
    for (const scenario of scenarios) {
      out.push(`### ${scenario === '' ? 'Overall' : `Scenario: ${scenario}`}`, '');
      out.push('| Metric | Language | Value | Unit | Direction |', '| --- | --- | ---: | --- | --- |');
      for (const m of d.metrics.filter((x) => x.scenario === scenario)) {
        out.push(`| ${cell(m.name)} | ${cell(m.language || 'all')} | ${fmt(m.value)} | ${cell(m.unit)} | ${DIRECTION_TEXT[m.direction]} |`);
      }
      out.push('');
    }
  }

  out.push('## Comparison with the previous version', '');
  if (!d.previousVersion) {
    out.push('_This is the first version of the component._', '');
  } else {
    out.push(`Previous version of \`${d.component}\` by semantic version: \`${d.previousVersion.modelId}\` (${d.previousVersion.status}).`, '');
    if (!d.measuredImpact.length) {
      out.push('_No overall metric is recorded on both versions._', '');
    } else {
      out.push('| Metric | Previous | This version | Measured change | Claimed in commit | Assessment |', '| --- | ---: | ---: | ---: | ---: | --- |');
      for (const m of d.measuredImpact) {
        const verdict = m.improved === null ? 'unchanged' : m.improved ? 'better' : 'worse';
        out.push(`| ${cell(m.name)} | ${fmt(m.previous)} | ${fmt(m.current)} | ${signedPct(m.changePct)} | ${signedPct(m.claimedPct)} | ${verdict} (${DIRECTION_TEXT[m.direction]}) |`);
      }
      out.push('');
    }
  }
  if (d.claimedImpact.length) {
    out.push(`Claimed in the commit message: ${d.claimedImpact.map((c) => c.raw).join(', ')}.`, '');
  }

  out.push('## Dependencies', '');
  const deps = Object.entries(meta.dependencies ?? {});
  out.push(...(deps.length ? ['| Package | Version |', '| --- | --- |', ...deps.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)] : ['_Not recorded._']), '');

  out.push('## Authors', '', ...(meta.authors?.length ? meta.authors.map((a) => `- ${para(a)}`) : ['_Not recorded._']), '');

  out.push('## Approval history', '');
  out.push('| When | From | To | By | Reason |', '| --- | --- | --- | --- | --- |');
  for (const t of d.transitions) out.push(`| ${t.at.slice(0, 19).replace('T', ' ')} | ${cell(t.from ?? '(registered)')} | ${t.to} | ${cell(t.actor)} | ${cell(t.reason)} |`);
  out.push('');
  for (const p of gov.promotions) {
    const { approvals } = tallyVotes(p.votes);
    out.push(
      `- ${p.kind} promotion requested by ${cell(p.requestedBy.email)} on ${p.createdAt.toISOString().slice(0, 10)}: **${p.status}**, ${approvals}/${p.quorum} approvals` +
        (p.decidedAt ? `, decided ${p.decidedAt.toISOString().slice(0, 10)}` : ''),
    );
    for (const v of p.votes) out.push(`  - ${v.decision} by ${cell(v.voter.email)}${v.comment ? `: ${cell(v.comment)}` : ''}`);
  }
  if (meta.approval) {
    const a = meta.approval;
    out.push(`- Recorded in metadata.json: approved by ${cell(a.approved_by)}, approval date ${cell(a.approval_date)}, production date ${cell(a.production_date)}`);
  }
  out.push('');

  out.push('## Responsible AI', '');
  if (!gov.rai) {
    out.push('_No assessment recorded. An assessment that passed is required before production._', '');
  } else {
    out.push(`Latest assessment: **${gov.rai.result}** on ${gov.rai.assessedAt.toISOString().slice(0, 10)}${gov.rai.reviewer ? ` by ${cell(gov.rai.reviewer.email)}` : ''}.`);
    if (gov.rai.maxDisparity !== null) out.push(`Maximum disparity across languages: ${fmt(gov.rai.maxDisparity)}.`);
    if (gov.rai.notes) out.push('', para(gov.rai.notes));
    out.push('');
  }

  if (gov.incidents.length) {
    out.push('## Incidents', '');
    for (const i of gov.incidents) out.push(`- ${i.openedAt.toISOString().slice(0, 10)} ${cell(i.title)}: ${i.status}${i.rcaSubmittedAt ? ', RCA submitted' : ''}`);
    out.push('');
  }

  out.push('## Changelog', '', ...(meta.changelog?.length ? meta.changelog.map((c) => `- ${para(c)}`) : ['_Not recorded._']), '');

  out.push('## Artifacts', '');
  out.push(
    ...(d.artifacts.length
      ? ['| Path | SHA-256 | Size (bytes) |', '| --- | --- | ---: |', ...d.artifacts.map((a) => `| ${cell(a.path)} | \`${a.sha256}\` | ${a.sizeBytes} |`)]
      : ['_None recorded._']),
    '',
  );
  out.push(`_Generated by the model governance registry on ${new Date().toISOString().slice(0, 10)}._`, '');
  return { modelId: d.modelId, markdown: out.join('\n') };
}
