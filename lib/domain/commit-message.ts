// The seed's commit message convention:
//
//   [COMPONENT] TYPE: Description
//
//   Detailed explanation
//
//   Performance impact: -15% on FVD, +2% on temporal coherence
//   Reviewed-by: Name
//
// Pure functions, no I/O: used by the CLI's `lint-commit` (git commit-msg hook), by the API when
// a version is registered with its commit message, and by the pages that show the claimed impact.

export type CommitProblem = { line: number; message: string };

export type CommitImpact = {
  /** The metric as written, e.g. "FVD" or "temporal coherence". */
  metric: string;
  /** The registry's metric key (fvd, is, temporal_coherence, generation_time) or null if unknown. */
  metricKey: string | null;
  /** Signed percentage: "-15%" → -15. */
  percent: number;
  /** The item as written, e.g. "-15% on FVD". */
  raw: string;
};

export type ParsedCommit = {
  component: string | null;
  type: string | null;
  description: string | null;
  /** The detailed explanation: everything after the subject except the trailers, trimmed. */
  body: string;
  impacts: CommitImpact[];
  reviewedBy: string[];
  problems: CommitProblem[];
};

export type CommitLintOptions = {
  /** Require a `Performance impact:` line (default true; `Performance impact: none` satisfies it). */
  requireImpact?: boolean;
  /** Require at least one `Reviewed-by:` line (default true). */
  requireReviewedBy?: boolean;
};

/** Components and types the seed names; others are accepted when they are uppercase words. */
export const KNOWN_COMPONENTS = ['BASE', 'RESIDUAL', 'SUPER-RES', 'FACT-CHECK'] as const;
export const KNOWN_TYPES = ['TRAIN', 'TUNE', 'FIX', 'OPTIMIZE', 'REFACTOR', 'DATA', 'EVAL', 'DOCS', 'CONFIG', 'HOTFIX', 'REVERT', 'TEST', 'CHORE', 'FEAT'] as const;

const UPPER_WORD_RE = /^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*$/;
const SUBJECT_RE = /^\[([^\]]*)\]\s*([^:\s][^:]*?)?\s*:\s*(.*)$/;
const IMPACT_LINE_RE = /^performance[ \t]+impact[ \t]*:(.*)$/i;
const REVIEWED_BY_RE = /^reviewed-by[ \t]*:(.*)$/i;
const IMPACT_ITEM_RE = /^([+\-\u2212]?)\s*(\d+(?:\.\d+)?)\s*%\s+on\s+(.+)$/i;
const NO_IMPACT_RE = /^(none|n\/a|no impact|not applicable)\.?$/i;
const SCISSORS_RE = /^# -+ >8 -+$/;

const METRIC_ALIASES: Record<string, string> = {
  fvd: 'fvd',
  'frechet video distance': 'fvd',
  'fréchet video distance': 'fvd',
  is: 'is',
  'inception score': 'is',
  'temporal coherence': 'temporal_coherence',
  temporal_coherence: 'temporal_coherence',
  'generation time': 'generation_time',
  generation_time: 'generation_time',
  'generation time per frame': 'generation_time',
};

/** Map a metric name as written in a commit message to the registry's metric key, or null. */
export function metricKeyFor(name: string): string | null {
  const normal = name.trim().replace(/[.;]+$/, '').replace(/\s+/g, ' ').toLowerCase();
  return METRIC_ALIASES[normal] ?? null;
}

type Line = { no: number; text: string };

export function parseCommitMessage(text: string, options: CommitLintOptions = {}): ParsedCommit {
  const requireImpact = options.requireImpact ?? true;
  const requireReviewedBy = options.requireReviewedBy ?? true;
  const problems: CommitProblem[] = [];
  const result: ParsedCommit = { component: null, type: null, description: null, body: '', impacts: [], reviewedBy: [], problems };

  // Keep original line numbers; drop git comment lines and everything below a scissors line.
  const lines: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    if (SCISSORS_RE.test(t)) break;
    if (t.startsWith('#')) continue;
    lines.push({ no: i + 1, text: t.replace(/\s+$/, '') });
  }
  while (lines.length && lines[0].text.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].text.trim() === '') lines.pop();

  if (lines.length === 0) {
    problems.push({ line: 1, message: 'commit message is empty' });
    return result;
  }

  const subject = lines[0];
  parseSubject(subject, result);

  const rest = lines.slice(1);
  if (rest.length > 0 && rest[0].text.trim() !== '') {
    problems.push({ line: rest[0].no, message: 'the second line must be blank (separates the subject from the body)' });
  }

  const bodyLines: string[] = [];
  let sawImpactLine = false;
  let lastLine = subject.no;
  for (const line of rest) {
    lastLine = line.no;
    const trimmed = line.text.trim();
    const impact = IMPACT_LINE_RE.exec(trimmed);
    if (impact) {
      if (sawImpactLine) problems.push({ line: line.no, message: 'more than one "Performance impact:" line; list all metrics on one line, separated by commas' });
      sawImpactLine = true;
      parseImpacts(impact[1], line.no, result);
      continue;
    }
    const reviewed = REVIEWED_BY_RE.exec(trimmed);
    if (reviewed) {
      const name = reviewed[1].trim();
      if (!name) problems.push({ line: line.no, message: '"Reviewed-by:" needs a name, e.g. "Reviewed-by: Dr. Sharma"' });
      else result.reviewedBy.push(name);
      continue;
    }
    if (/^performance[ \t]+impact\b/i.test(trimmed)) {
      problems.push({ line: line.no, message: 'write the impact as "Performance impact: -15% on FVD, +2% on temporal coherence"' });
      continue;
    }
    if (/^reviewed[ _]?by\b/i.test(trimmed)) {
      problems.push({ line: line.no, message: 'write the reviewer as "Reviewed-by: Name"' });
      continue;
    }
    bodyLines.push(line.text);
  }
  result.body = bodyLines.join('\n').trim();

  if (requireImpact && !sawImpactLine) {
    problems.push({ line: lastLine, message: 'missing "Performance impact:" line (e.g. "Performance impact: -15% on FVD, +2% on temporal coherence", or "Performance impact: none")' });
  }
  if (requireReviewedBy && result.reviewedBy.length === 0 && !rest.some((l) => REVIEWED_BY_RE.test(l.text.trim()))) {
    problems.push({ line: lastLine, message: 'missing "Reviewed-by: Name" line' });
  }

  problems.sort((a, b) => a.line - b.line);
  return result;
}

function parseSubject(subject: Line, result: ParsedCommit): void {
  const problems = result.problems;
  const line = subject.no;
  const text = subject.text.trim();
  const m = SUBJECT_RE.exec(text);
  if (!m) {
    problems.push({ line, message: `subject must be "[COMPONENT] TYPE: Description", e.g. "[BASE] TUNE: Adjust attention mechanism"; got "${truncate(text)}"` });
    return;
  }
  const component = m[1].trim();
  const type = (m[2] ?? '').trim();
  const description = m[3].trim();

  if (!component) {
    problems.push({ line, message: 'subject has an empty [COMPONENT]; use e.g. [BASE], [RESIDUAL], [SUPER-RES], [FACT-CHECK]' });
  } else if (!UPPER_WORD_RE.test(component)) {
    problems.push({
      line,
      message: UPPER_WORD_RE.test(component.toUpperCase())
        ? `component "${component}" must be uppercase: [${component.toUpperCase()}]`
        : `component "${component}" must be uppercase letters, digits and hyphens, e.g. [BASE] or [SUPER-RES]`,
    });
  }
  if (component) result.component = component;

  if (!type) {
    problems.push({ line, message: 'subject is missing the TYPE after [COMPONENT], e.g. "[BASE] TUNE: …"' });
  } else {
    if (!UPPER_WORD_RE.test(type)) {
      problems.push({
        line,
        message: UPPER_WORD_RE.test(type.toUpperCase())
          ? `type "${type}" must be uppercase: ${type.toUpperCase()}`
          : `type "${type}" must be one uppercase word such as TRAIN, TUNE, FIX or OPTIMIZE`,
      });
    }
    result.type = type;
  }

  if (!description) {
    problems.push({ line, message: 'subject is missing the description after "TYPE:"' });
  } else {
    result.description = description;
  }
}

function parseImpacts(list: string, line: number, result: ParsedCommit): void {
  const problems = result.problems;
  const value = list.trim();
  if (!value) {
    problems.push({ line, message: '"Performance impact:" is empty; write e.g. "-15% on FVD" or "none"' });
    return;
  }
  if (NO_IMPACT_RE.test(value)) return;
  const seen = new Set<string>();
  for (const part of value.split(/\s*[,;]\s*/)) {
    const item = part.trim().replace(/\.$/, '');
    if (!item) continue;
    const m = IMPACT_ITEM_RE.exec(item);
    if (!m) {
      problems.push({ line, message: `cannot read impact "${truncate(item)}"; write it as "+2% on temporal coherence" or "-15% on FVD"` });
      continue;
    }
    const [, sign, number, metricRaw] = m;
    const magnitude = Number(number);
    if (!sign && magnitude !== 0) {
      problems.push({ line, message: `impact "${item}" needs a sign: +${number}% or -${number}%` });
      continue;
    }
    const metric = metricRaw.trim();
    const metricKey = metricKeyFor(metric);
    const dedupe = metricKey ?? metric.toLowerCase();
    if (seen.has(dedupe)) problems.push({ line, message: `metric "${metric}" is listed more than once` });
    seen.add(dedupe);
    const percent = sign === '-' || sign === '\u2212' ? -magnitude : magnitude;
    result.impacts.push({ metric, metricKey, percent: percent === 0 ? 0 : percent, raw: item });
  }
}

function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Lint a commit message against the convention; `ok` when there are no problems. */
export function lintCommitMessage(text: string, options: CommitLintOptions = {}): { ok: boolean; problems: CommitProblem[] } {
  const { problems } = parseCommitMessage(text, options);
  return { ok: problems.length === 0, problems };
}
