import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/permissions';
import { STATUSES } from '../domain/lifecycle';
import { canRecordBackport, canTransition, canTransitionAny } from './model-version';

const user = (role: Actor['role'], senior = false): Actor => ({ type: 'user', id: role, label: role, role, senior });

describe('canTransition: the deprecate permission decided in one place', () => {
  it('gives deprecation to the committee and every other move to engineers', () => {
    for (const to of STATUSES) {
      expect(canTransition(user('committee'), to).ok, `committee → ${to}`).toBe(to === 'deprecated');
      expect(canTransition(user('engineer'), to).ok, `engineer → ${to}`).toBe(to !== 'deprecated');
    }
  });

  it('refuses with the permission named, and lets the system do anything', () => {
    expect(canTransition(user('viewer'), 'testing')).toMatchObject({ ok: false, permission: 'transition:model-version' });
    expect(canTransition(user('engineer'), 'deprecated')).toMatchObject({ ok: false, permission: 'deprecate:model-version' });
    const system: Actor = { type: 'system', id: null, label: 'system', role: 'system', senior: false };
    expect(canTransition(system, 'archived').ok).toBe(true);
  });

  it('lets committee and engineers past the first check, nobody else', () => {
    expect((['admin', 'committee', 'engineer', 'auditor', 'viewer'] as const).map((r) => canTransitionAny(user(r)).ok)).toEqual([false, true, true, false, false]);
  });

  it('leaves the backport record to engineers', () => {
    expect(canRecordBackport(user('engineer')).ok).toBe(true);
    expect(canRecordBackport(user('committee')).ok).toBe(false);
  });
});
