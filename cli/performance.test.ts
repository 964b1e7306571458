// The shapes of performance.json teams write (docs/cli.md), and the ones refused as ambiguous.
import { describe, expect, it } from 'vitest';
import { parseMetadataPerformance, parsePerformance, type SourcedMetric } from './performance';

const brief = (ms: SourcedMetric[]) =>
  ms.map((m) => `${m.metric}|${m.scenario ?? ''}|${m.language ?? ''}|${m.value}${m.unit ? `|${m.unit}` : ''} ← ${m.field}`);

describe('parsePerformance: accepted shapes', () => {
  it('flat: top-level numbers are the overall values, names mapped to keys', () => {
    const r = parsePerformance({ FVD: 185.3, 'inception score': 72.6, temporal_coherence: 0.93 });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual(['fvd|||185.3 ← FVD', 'is|||72.6 ← inception score', 'temporal_coherence|||0.93 ← temporal_coherence']);
  });

  it('mixed (issue 9): top-level overall values beside a scenarios section', () => {
    const r = parsePerformance({ fvd: 226.5, is: 68.3, scenarios: { policy_briefing: { fvd: 206.4 } } });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual(['fvd|||226.5 ← fvd', 'is|||68.3 ← is', 'fvd|policy_briefing||206.4 ← scenarios.policy_briefing.fvd']);
  });

  it('top-level values beside overall, languages and entries; section names in any case', () => {
    const r = parsePerformance({
      fvd: 226.5,
      Overall: { is: 68.3 },
      LANGUAGES: { hi: { temporal_coherence: 0.91 } },
      entries: [{ metric: 'FVD', scenario: 'instructional', language: 'hi', value: 201.4 }],
    });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual([
      'fvd|||226.5 ← fvd',
      'is|||68.3 ← Overall.is',
      'temporal_coherence||hi|0.91 ← LANGUAGES.hi.temporal_coherence',
      'fvd|instructional|hi|201.4 ← entries[0]',
    ]);
  });

  it('scenario × language nested either way', () => {
    const r = parsePerformance({
      scenarios: { policy_briefing: { fvd: 206.4, languages: { hi: { fvd: 210 } } } },
      languages: { ta: { scenarios: { emergency_alert: { is: 70 } } } },
    });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual([
      'fvd|policy_briefing||206.4 ← scenarios.policy_briefing.fvd',
      'fvd|policy_briefing|hi|210 ← scenarios.policy_briefing.languages.hi.fvd',
      'is|emergency_alert|ta|70 ← languages.ta.scenarios.emergency_alert.is',
    ]);
  });

  it('values with units: "number unit" text, { value, unit }, and an entry unit; the unit is passed on', () => {
    const r = parsePerformance({
      generation_time: '2.3 seconds per frame',
      scenarios: { news: { generation_time: { value: 2.5, unit: 's/frame' } } },
      entries: [{ metric: 'generation_time', language: 'hi', value: 2.7, unit: 'sec per frame' }, { metric: 'fvd', value: '190' }],
    });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual([
      'generation_time|||2.3|seconds per frame ← generation_time',
      'generation_time|news||2.5|s/frame ← scenarios.news.generation_time',
      'generation_time||hi|2.7|sec per frame ← entries[0]',
      'fvd|||190 ← entries[1]',
    ]);
  });

  it('a descriptive text under a name that is no metric is ignored with a warning', () => {
    const r = parsePerformance({ fvd: 180, notes: 'evaluated on the Q2 benchmark', evaluated_on: '2023-06-10' });
    expect(r.problems).toEqual([]);
    expect(brief(r.metrics)).toEqual(['fvd|||180 ← fvd']);
    expect(r.warnings.map((w) => w.field)).toEqual(['notes', 'evaluated_on']);
  });

  it('metadata.json performance reads the unit of "2.3 seconds per frame" too', () => {
    const r = parseMetadataPerformance({ fvd: 185.3, generation_time: '2.3 seconds per frame' });
    expect(brief(r.metrics)).toEqual(['fvd|||185.3 ← performance.fvd', 'generation_time|||2.3|seconds per frame ← performance.generation_time']);
  });
});

describe('parsePerformance: refused, naming the key and why', () => {
  const problems = (data: unknown) => parsePerformance(data).problems.map((p) => `${p.field}: ${p.reason}`);

  it('an object under a name that is not a section: scenario or language?', () => {
    expect(problems({ fvd: 226.5, policy_briefing: { fvd: 206.4 } })).toEqual([
      'policy_briefing: ambiguous: an object that is not a section (a scenario? a language?); expected a number, or the sections overall, scenarios, languages or entries',
    ]);
  });

  it('an object under a metric name: per scenario or per language?', () => {
    expect(problems({ fvd: { policy_briefing: 206.4 } })).toEqual([
      'fvd: ambiguous: an object under the metric fvd (scenarios or languages?); write its values under scenarios.NAME.fvd or languages.CODE.fvd',
    ]);
  });

  it('the same section twice in different case', () => {
    expect(problems({ scenarios: { a: { fvd: 1 } }, Scenarios: { b: { fvd: 2 } } })).toEqual(['Scenarios: ambiguous: the scenarios section appears twice ("scenarios" and "Scenarios")']);
  });

  it('two units for one value', () => {
    expect(problems({ generation_time: { value: '2.3 ms', unit: 's/frame' } })).toEqual(['generation_time: ambiguous unit: the value says "ms", unit says "s/frame"']);
  });

  it('a metric name with no number', () => {
    expect(problems({ fvd: 'good', is: null })).toEqual([
      'fvd: must be a number, got "good" (a text value is a number and its unit, such as "2.3 seconds per frame")',
      'is: must be a number, got null',
    ]);
  });

  it('a section of the wrong type', () => {
    expect(problems({ scenarios: [1], entries: {} })).toEqual([
      'scenarios: must be an object of scenario → { metric: number }, got an array',
      'entries: must be an array of { metric, value, scenario?, language?, unit? }',
    ]);
  });
});
