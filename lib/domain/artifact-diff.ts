// Is a registered version's set of artifacts the same as a local one? (mgr import: an already
// registered version with the same artifacts is "unchanged", with other artifacts a conflict.)

export type ArtifactChecksum = { path: string; sha256: string; sizeBytes: number };

/** What differs between local and registered artifacts, by path; [] when they are the same. */
export function compareArtifacts(local: ArtifactChecksum[], remote: ArtifactChecksum[]): { path: string; reason: string }[] {
  const out: { path: string; reason: string }[] = [];
  const r = new Map(remote.map((a) => [a.path, a]));
  const l = new Map(local.map((a) => [a.path, a]));
  for (const a of local) {
    const other = r.get(a.path);
    if (!other) out.push({ path: a.path, reason: 'no such artifact (the local file is not registered)' });
    else if (other.sha256 !== a.sha256) out.push({ path: a.path, reason: `sha256 ${other.sha256}, the local file has ${a.sha256}` });
  }
  for (const a of remote) if (!l.has(a.path)) out.push({ path: a.path, reason: `artifact ${a.path} (sha256 ${a.sha256}), missing here` });
  return out;
}
