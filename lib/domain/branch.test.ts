import { describe, expect, it } from 'vitest';
import { branchKind, hotfixFailures, isHotfix } from './branch';

describe('branchKind', () => {
  it('reads the seed branching strategy, with or without a remote or ref prefix', () => {
    expect(['main', 'master', 'develop', 'release/1.2', 'hotfix/x', 'feature/y', 'spike'].map(branchKind))
      .toEqual(['main', 'main', 'develop', 'release', 'hotfix', 'feature', 'other']);
    expect(['origin/hotfix/x', 'refs/heads/hotfix/x', 'refs/remotes/origin/hotfix/x'].map(branchKind)).toEqual(['hotfix', 'hotfix', 'hotfix']);
    expect(branchKind(null)).toBeNull();
  });
});

describe('isHotfix: one definition for the emergency path, the backport and the version page', () => {
  it('needs a hotfix/* branch and the emergency tag', () => {
    expect(isHotfix({ gitBranch: 'hotfix/emergency-mode-fix', tags: ['emergency'] })).toBe(true);
    expect(hotfixFailures({ gitBranch: 'feature/x', tags: ['emergency'] })).toEqual(['branch is feature/x, not hotfix/*']);
    expect(hotfixFailures({ gitBranch: 'hotfix/x', tags: [] })).toEqual(['version is not tagged emergency']);
    expect(hotfixFailures({ gitBranch: null, tags: [] })).toEqual(['branch is not recorded, not hotfix/*', 'version is not tagged emergency']);
  });

  it('counts origin/hotfix/x as a hotfix branch (the page showed a backport form the server then refused)', () => {
    expect(isHotfix({ gitBranch: 'origin/hotfix/x', tags: ['emergency'] })).toBe(true);
    expect(isHotfix({ gitBranch: 'refs/heads/hotfix/x', tags: ['emergency'] })).toBe(true);
  });

  it('does not count a hotfix-looking name elsewhere in the path', () => {
    expect(isHotfix({ gitBranch: 'feature/hotfix/x', tags: ['emergency'] })).toBe(false);
  });
});
