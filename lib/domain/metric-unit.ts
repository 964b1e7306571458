// Units of metric values. A file may state a value with its unit ("2.3 seconds per frame"); the
// value is taken when the unit is the metric definition's unit, written any common way
// ("s/frame", "seconds per frame", "sec per frame"), and refused otherwise (a value in ms would be
// stored 1000× too large).

const WORDS: Record<string, string> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  ms: 'ms',
  msec: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  min: 'min',
  mins: 'min',
  minute: 'min',
  minutes: 'min',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  frame: 'frame',
  frames: 'frame',
  percent: '%',
  pct: '%',
};

/** A unit in one canonical spelling: "seconds per frame" → "s/frame", "%"; "" for none. */
export function normalizeUnit(unit: string): string {
  const parts = unit
    .trim()
    .toLowerCase()
    .replace(/\s*\/\s*|\s+per\s+/g, ' / ')
    .split(/\s+/)
    .filter(Boolean);
  return parts.map((p) => (p === '/' ? '/' : (WORDS[p] ?? p))).join('');
}

/** Whether a stated unit is the definition's unit (both normalized). */
export function unitsMatch(stated: string, definition: string): boolean {
  return normalizeUnit(stated) === normalizeUnit(definition);
}

/** Why a stated unit does not fit metric `key` (whose unit is `definition`), or null when it does. */
export function unitProblem(key: string, stated: string, definition: string): string | null {
  if (unitsMatch(stated, definition)) return null;
  if (!normalizeUnit(definition)) return `${key} has no unit, but the value states "${stated}"`;
  return `unit "${stated}" is not ${key}'s unit (${definition})`;
}

const NUMBER_WITH_UNIT_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(?:\s*([a-zA-Z%/][\w%/ .-]*?))?\s*$/;

/**
 * A value written as text: "2.3", "2.3 seconds per frame", "85%". Null when the text is not a
 * number optionally followed by a unit ("n/a", "about 2", "2023-06-15").
 */
export function parseValueWithUnit(text: string): { value: number; unit: string } | null {
  const m = NUMBER_WITH_UNIT_RE.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  return { value, unit: (m[2] ?? '').trim() };
}
