// The seed's naming convention: pib-vg-{component}-{architecture}-{version}-{date}
// e.g. pib-vg-base-diffusion-1.2.3-20230615

export const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
export const COMPONENT_KEY_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const ARCHITECTURE_RE = /^[a-z][a-z0-9_]*$/;
const MODEL_ID_RE = /^pib-vg-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-([a-z][a-z0-9_]*)-((?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*))-(\d{8})$/;

export type SemverParts = { major: number; minor: number; patch: number };

export function parseSemver(version: string): SemverParts | null {
  const m = SEMVER_RE.exec(version);
  if (!m) return null;
  const parts = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
  if (!Number.isSafeInteger(parts.major) || !Number.isSafeInteger(parts.minor) || !Number.isSafeInteger(parts.patch)) return null;
  if (parts.major > 2_147_483_647 || parts.minor > 2_147_483_647 || parts.patch > 2_147_483_647) return null;
  return parts;
}

export function compareSemver(a: SemverParts, b: SemverParts): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** A calendar date (YYYY-MM-DD, UTC) → YYYYMMDD. */
export function compactDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/** Parse YYYY-MM-DD strictly (real calendar date) into a UTC midnight Date. */
export function parseIsoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return d;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function buildModelId(p: { component: string; architecture: string; version: string; releaseDate: Date }): string {
  return `pib-vg-${p.component}-${p.architecture}-${p.version}-${compactDate(p.releaseDate)}`;
}

export type ParsedModelId = { component: string; architecture: string; version: string; date: string };

/**
 * Component keys may contain hyphens (super-res, fact-check) and so may not be split naively;
 * the regex anchors on the semantic version and the date at the end.
 */
export function parseModelId(id: string): ParsedModelId | null {
  const m = MODEL_ID_RE.exec(id);
  if (!m) return null;
  const [, rest, architecture, version, date] = m;
  // rest+architecture is ambiguous when the component has hyphens: "super-res-diffusion" matched
  // as component "super-res", architecture "diffusion" because architecture has no hyphen.
  return { component: rest, architecture, version, date };
}
