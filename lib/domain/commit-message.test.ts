import { describe, expect, it } from 'vitest';
import { lintCommitMessage, metricKeyFor, parseCommitMessage } from './commit-message';

const SEED_EXAMPLE = `[BASE] TUNE: Adjust attention mechanism for better temporal coherence

Modified cross-frame attention to improve consistency between frames
with high motion content. Tested on 50 sample videos.

Performance impact: -15% on FVD, +2% on temporal coherence
Reviewed-by: Dr. Sharma
`;

describe('parseCommitMessage', () => {
  it("parses the seed's example", () => {
    const c = parseCommitMessage(SEED_EXAMPLE);
    expect(c.problems).toEqual([]);
    expect(c.component).toBe('BASE');
    expect(c.type).toBe('TUNE');
    expect(c.description).toBe('Adjust attention mechanism for better temporal coherence');
    expect(c.body).toBe('Modified cross-frame attention to improve consistency between frames\nwith high motion content. Tested on 50 sample videos.');
    expect(c.impacts).toEqual([
      { metric: 'FVD', metricKey: 'fvd', percent: -15, raw: '-15% on FVD' },
      { metric: 'temporal coherence', metricKey: 'temporal_coherence', percent: 2, raw: '+2% on temporal coherence' },
    ]);
    expect(c.reviewedBy).toEqual(['Dr. Sharma']);
    expect(lintCommitMessage(SEED_EXAMPLE)).toEqual({ ok: true, problems: [] });
  });

  it('accepts hyphenated components, CRLF, decimals, unknown metrics and several reviewers', () => {
    const msg = '[SUPER-RES] OPTIMIZE: Faster upsampling\r\n\r\nPerformance impact: -12.5% on generation time, +0.8% on inception score, +3% on PSNR\r\nReviewed-by: A. Rao\r\nReviewed-by: B. Iyer\r\n';
    const c = parseCommitMessage(msg);
    expect(c.problems).toEqual([]);
    expect(c.component).toBe('SUPER-RES');
    expect(c.body).toBe('');
    expect(c.impacts.map((i) => [i.metricKey, i.percent])).toEqual([
      ['generation_time', -12.5],
      ['is', 0.8],
      [null, 3],
    ]);
    expect(c.reviewedBy).toEqual(['A. Rao', 'B. Iyer']);
  });

  it('ignores git comment lines and everything below the scissors line, keeping line numbers', () => {
    const msg = [
      '# Please enter the commit message for your changes.',
      '[fact-check] fix: thing',
      '# comment in the middle',
      '',
      'Performance impact: none',
      'Reviewed-by: X',
      '# ------------------------ >8 ------------------------',
      'diff --git a/x b/x',
    ].join('\n');
    const c = parseCommitMessage(msg);
    expect(c.impacts).toEqual([]);
    expect(c.body).toBe('');
    expect(c.problems).toEqual([
      { line: 2, message: 'component "fact-check" must be uppercase: [FACT-CHECK]' },
      { line: 2, message: 'type "fix" must be uppercase: FIX' },
    ]);
  });

  it('reports a malformed subject, a missing blank line and missing trailers with line numbers', () => {
    const c = parseCommitMessage('Tune the attention\nno blank line here\n');
    expect(c.component).toBeNull();
    expect(c.type).toBeNull();
    expect(c.problems.map((p) => p.line)).toEqual([1, 2, 2, 2]);
    expect(c.problems[0].message).toMatch(/subject must be "\[COMPONENT\] TYPE: Description"/);
    expect(c.problems[1].message).toMatch(/second line must be blank/);
    expect(c.problems.some((p) => /missing "Performance impact:"/.test(p.message))).toBe(true);
    expect(c.problems.some((p) => /missing "Reviewed-by: Name"/.test(p.message))).toBe(true);
  });

  it('reports unreadable impacts, unsigned impacts, duplicates and an empty reviewer', () => {
    const msg = ['[BASE] TRAIN: Retrain on 2023Q2', '', 'Body.', '', 'Performance impact: 15% on FVD, better on IS, -1% on fvd', 'Reviewed-by:'].join('\n');
    const c = parseCommitMessage(msg);
    expect(c.problems).toEqual([
      { line: 5, message: 'impact "15% on FVD" needs a sign: +15% or -15%' },
      { line: 5, message: 'cannot read impact "better on IS"; write it as "+2% on temporal coherence" or "-15% on FVD"' },
      { line: 6, message: '"Reviewed-by:" needs a name, e.g. "Reviewed-by: Dr. Sharma"' },
    ]);
    expect(c.impacts).toEqual([{ metric: 'fvd', metricKey: 'fvd', percent: -1, raw: '-1% on fvd' }]);
  });

  it('flags a metric listed twice and a second impact line', () => {
    const msg = ['[BASE] FIX: x', '', 'Performance impact: -1% on FVD, +2% on fvd', 'Performance impact: +1% on IS', 'Reviewed-by: Y'].join('\n');
    const c = parseCommitMessage(msg);
    expect(c.problems).toEqual([
      { line: 3, message: 'metric "fvd" is listed more than once' },
      { line: 4, message: 'more than one "Performance impact:" line; list all metrics on one line, separated by commas' },
    ]);
  });

  it('catches misspelt trailers instead of treating them as body', () => {
    const msg = ['[BASE] FIX: x', '', 'Performance impact -1% on FVD', 'Reviewed by Y'].join('\n');
    const c = parseCommitMessage(msg, { requireImpact: false, requireReviewedBy: false });
    expect(c.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'write the impact as "Performance impact: -15% on FVD, +2% on temporal coherence"'],
      [4, 'write the reviewer as "Reviewed-by: Name"'],
    ]);
  });

  it('reports an empty message and missing parts of the subject', () => {
    expect(lintCommitMessage('# only a comment\n\n')).toEqual({ ok: false, problems: [{ line: 1, message: 'commit message is empty' }] });
    const c = parseCommitMessage('[] : \n', { requireImpact: false, requireReviewedBy: false });
    expect(c.problems.map((p) => p.message)).toEqual([
      'subject has an empty [COMPONENT]; use e.g. [BASE], [RESIDUAL], [SUPER-RES], [FACT-CHECK]',
      'subject is missing the TYPE after [COMPONENT], e.g. "[BASE] TUNE: …"',
      'subject is missing the description after "TYPE:"',
    ]);
  });

  it('options make the trailers optional', () => {
    expect(lintCommitMessage('[RESIDUAL] TUNE: λ sweep', { requireImpact: false, requireReviewedBy: false }).ok).toBe(true);
    expect(lintCommitMessage('[RESIDUAL] TUNE: λ sweep').ok).toBe(false);
  });
});

describe('metricKeyFor', () => {
  it('maps names to metric keys', () => {
    expect(metricKeyFor('FVD')).toBe('fvd');
    expect(metricKeyFor('IS')).toBe('is');
    expect(metricKeyFor('Inception  Score')).toBe('is');
    expect(metricKeyFor('Temporal coherence.')).toBe('temporal_coherence');
    expect(metricKeyFor('generation time')).toBe('generation_time');
    expect(metricKeyFor('PSNR')).toBeNull();
  });
});
