// The seed's branching strategy (main, develop, feature/*, release/*, hotfix/*) and what makes a
// version a hotfix. One definition, read by the emergency path, the backport and the version page.

export type BranchKind = 'main' | 'develop' | 'release' | 'hotfix' | 'feature' | 'other';

/** The branch name without a remote or ref prefix: `origin/hotfix/x` and `refs/heads/hotfix/x` are `hotfix/x`. */
export function normalizeBranch(branch: string): string {
  return branch.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '').replace(/^origin\//, '');
}

export function branchKind(branch: string | null | undefined): BranchKind | null {
  if (!branch) return null;
  const b = normalizeBranch(branch);
  if (b === 'main' || b === 'master') return 'main';
  if (b === 'develop' || b === 'development') return 'develop';
  if (b.startsWith('release/')) return 'release';
  if (b.startsWith('hotfix/')) return 'hotfix';
  if (b.startsWith('feature/')) return 'feature';
  return 'other';
}

export const EMERGENCY_TAG = 'emergency';

/**
 * Why a version is not a hotfix (DESIGN.md "Emergency path": branch hotfix/*, tag emergency);
 * empty when it is one. The branch is compared after normalising remote/ref prefixes.
 */
export function hotfixFailures(v: { gitBranch: string | null; tags: readonly string[] }): string[] {
  const failures: string[] = [];
  if (branchKind(v.gitBranch) !== 'hotfix') failures.push(`branch is ${v.gitBranch ?? 'not recorded'}, not hotfix/*`);
  if (!v.tags.includes(EMERGENCY_TAG)) failures.push(`version is not tagged ${EMERGENCY_TAG}`);
  return failures;
}

export function isHotfix(v: { gitBranch: string | null; tags: readonly string[] }): boolean {
  return hotfixFailures(v).length === 0;
}
