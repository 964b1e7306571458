import type { ServiceContext } from '../context';
import { measuredImpactOf } from '../contracts/version-detail';
import { isoDate } from '../domain/naming';
import type { MetricDirection } from '../generated/prisma/enums';
import { MetadataSchema, type Metadata } from '../validation/model-version';
import { getVersionDetail, type VersionDetail } from './version-detail';
import { flatMetricValues } from './version-slices';

// The seed's CI step "Create model cards with key metrics": one Markdown document per version,
// built from the registry's own records (never from what a client claims about itself): it takes
// the version read model (lib/queries/version-detail.ts) as the page and the API do.

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

function metadataOf(detail: VersionDetail): Metadata {
  const parsed = MetadataSchema.safeParse(detail.metadata);
  return parsed.success ? parsed.data : {};
}

export async function getModelCard(ctx: ServiceContext, ref: string): Promise<{ modelId: string; markdown: string }> {
  const d = await getVersionDetail(ctx, ref);
  return { modelId: d.modelId, markdown: renderModelCard(d, ctx.now()) };
}

/** The model card of a version already read, generated on `generatedAt`. */
export function renderModelCard(d: VersionDetail, generatedAt: Date): string {
  const meta = metadataOf(d);
  const gov = d.governance;
  const metrics = flatMetricValues(d.metrics.groups);
  const measured = measuredImpactOf(d.metrics.impact);
  const claimed = d.commit?.impacts ?? [];
  const previous = d.previous;
  const promotions = [...gov.promotionRequests].reverse(); // oldest first
  const rai = gov.raiAssessments[0] ?? null;
  const incidents = gov.incidents.filter((i) => i.role === 'problem').reverse();
  const gitLine = [d.gitBranch, d.gitCommit].filter(Boolean).join(' @ ') || null;
  const out: string[] = [];

  out.push(`# Model card: ${d.modelId}`, '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Model id | \`${d.modelId}\` |`);
  out.push(`| Component | ${cell(d.component.name)} (\`${d.component.key}\`) |`);
  out.push(`| Version | ${d.version} |`);
  out.push(`| Architecture | ${cell(d.architecture)} |`);
  out.push(`| Release date | ${isoDate(d.releaseDate)} |`);
  out.push(`| Status | **${d.status}** (since ${d.statusChangedAt.toISOString().slice(0, 10)}) |`);
  out.push(`| Tags | ${d.tags.length ? d.tags.map((t) => `\`${t}\``).join(', ') : '—'} |`);
  out.push(`| Git | ${cell(gitLine)} |`);
  out.push(`| Registered by | ${cell(d.registeredBy?.email ?? null)} on ${d.createdAt.toISOString().slice(0, 10)} |`);
  out.push('');

  out.push('## Description', '', d.description ? para(d.description) : '_No description._', '');

  out.push('## Architecture', '', ...keyValueTable(meta.architecture as Record<string, unknown> | undefined), '');
  out.push('## Training', '', ...keyValueTable(meta.training as Record<string, unknown> | undefined), '');

  out.push('## Metrics', '');
  if (!metrics.length) {
    out.push('_No metrics recorded._', '');
  } else {
    const scenarios = [...new Set(metrics.map((m) => m.scenario))].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
    for (const scenario of scenarios) {
      out.push(`### ${scenario === '' ? 'Overall' : `Scenario: ${scenario}`}`, '');
      out.push('| Metric | Language | Value | Unit | Direction |', '| --- | --- | ---: | --- | --- |');
      for (const m of metrics.filter((x) => x.scenario === scenario)) {
        out.push(`| ${cell(m.name)} | ${cell(m.language || 'all')} | ${fmt(m.value)} | ${cell(m.unit)} | ${DIRECTION_TEXT[m.direction]} |`);
      }
      out.push('');
    }
  }

  out.push('## Comparison with the previous version', '');
  if (!previous) {
    out.push('_This is the first version of the component._', '');
  } else {
    out.push(`Previous version of \`${d.component.key}\` by semantic version: \`${previous.modelId}\` (${previous.status}).`, '');
    if (!measured.length) {
      out.push('_No overall metric is recorded on both versions._', '');
    } else {
      out.push('| Metric | Previous | This version | Measured change | Claimed in commit | Assessment |', '| --- | ---: | ---: | ---: | ---: | --- |');
      for (const m of measured) {
        const verdict = m.improved === null ? 'unchanged' : m.improved ? 'better' : 'worse';
        out.push(`| ${cell(m.name)} | ${fmt(m.previous)} | ${fmt(m.current)} | ${signedPct(m.changePct)} | ${signedPct(m.claimedPct)} | ${verdict} (${DIRECTION_TEXT[m.direction]}) |`);
      }
      out.push('');
    }
  }
  if (claimed.length) {
    out.push(`Claimed in the commit message: ${claimed.map((c) => c.raw).join(', ')}.`, '');
  }

  out.push('## Dependencies', '');
  const deps = Object.entries(meta.dependencies ?? {});
  out.push(...(deps.length ? ['| Package | Version |', '| --- | --- |', ...deps.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`)] : ['_Not recorded._']), '');

  out.push('## Authors', '', ...(meta.authors?.length ? meta.authors.map((a) => `- ${para(a)}`) : ['_Not recorded._']), '');

  out.push('## Approval history', '');
  out.push('| When | From | To | By | Reason |', '| --- | --- | --- | --- | --- |');
  for (const t of gov.transitions) out.push(`| ${t.at.toISOString().slice(0, 19).replace('T', ' ')} | ${cell(t.fromStatus ?? '(registered)')} | ${t.toStatus} | ${cell(t.actorLabel)} | ${cell(t.reason)} |`);
  out.push('');
  for (const p of promotions) {
        out.push(
      `- ${p.kind} promotion requested by ${cell(p.requestedBy.email)} on ${p.createdAt.toISOString().slice(0, 10)}: **${p.status}**, ${p.approvals}/${p.quorum} approvals` +
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
  if (!rai) {
    out.push('_No assessment recorded. An assessment that passed is required before production._', '');
  } else {
    out.push(`Latest assessment: **${rai.result}** on ${rai.assessedAt.toISOString().slice(0, 10)}${rai.reviewer ? ` by ${cell(rai.reviewer.email)}` : ''}.`);
    if (rai.maxDisparity !== null) out.push(`Maximum disparity across languages: ${fmt(rai.maxDisparity)}.`);
    if (rai.notes) out.push('', para(rai.notes));
    out.push('');
  }

  if (incidents.length) {
    out.push('## Incidents', '');
    for (const i of incidents) out.push(`- ${i.openedAt.toISOString().slice(0, 10)} ${cell(i.title)}: ${i.status}${i.rcaSubmittedAt ? ', RCA submitted' : ''}`);
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
  out.push(`_Generated by the model governance registry on ${generatedAt.toISOString().slice(0, 10)}._`, '');
  return out.join('\n');
}
