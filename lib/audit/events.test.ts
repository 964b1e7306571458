import { describe, expect, it } from 'vitest';
import type { AuditInput } from './chain';
import { AUDIT_ACTIONS, AuditEventDataSchema, parseAuditPayload } from './events';
import { isAction, toTypedEvent } from './reader';

const envelope = {
  seq: 1, occurredAt: new Date('2023-04-03T09:00:00Z'), recordedAt: new Date(), actorType: 'user', actorId: 'u1',
  actorLabel: 'chair@demo.local', entityType: 'promotion_request', entityId: 'r1', prevHash: '0'.repeat(64), hash: 'a'.repeat(64),
};

describe('typed audit events', () => {
  it('types appendAuditEvent by action: a payload of another action does not compile', () => {
    const actor = { type: 'system', id: null, label: 'system', role: 'system', senior: false } as const;
    const ok: AuditInput<'vote.cast'> = {
      actor, occurredAt: new Date(), action: 'vote.cast', entityType: 'promotion_request', entityId: 'r1',
      change: { voteId: 'v1', kind: 'committee', modelId: 'm', decision: 'approve', comment: null },
    };
    // @ts-expect-error a vote needs its decision, not a transition's fields
    const wrong: AuditInput<'vote.cast'> = { ...ok, change: { modelId: 'm', from: 'staging', to: 'production' } };
    // @ts-expect-error unknown actions do not compile
    const unknown: AuditInput<'vote.cast'> = { ...ok, action: 'vote.casted' };
    expect([ok, wrong, unknown]).toHaveLength(3);
  });

  it('refuses a payload that does not match its schema at run time (unknown keys too)', () => {
    expect(() => parseAuditPayload('vote.cast', { voteId: 'v1', kind: 'committee', modelId: 'm', decision: 'maybe' })).toThrow(/vote.cast.*decision/);
    expect(() => parseAuditPayload('incident.log', { entryId: 'e', text: 't', extra: 1 })).toThrow(/incident.log/);
    expect(parseAuditPayload('incident.log', { entryId: 'e', text: 't' })).toEqual({ entryId: 'e', text: 't' });
  });

  it('combines one schema per action in a discriminated union', () => {
    expect(AUDIT_ACTIONS).toContain('version.transition');
    expect(AuditEventDataSchema.safeParse({ action: 'incident.log', change: { entryId: 'e', text: 't' } }).success).toBe(true);
    expect(AuditEventDataSchema.safeParse({ action: 'incident.log', change: { percent: 20 } }).success).toBe(false);
    expect(AuditEventDataSchema.safeParse({ action: 'no.such', change: {} }).success).toBe(false);
  });

  it('validates events read back: typed when they match, marked invalid with the reason when not', () => {
    const vote = toTypedEvent({ ...envelope, action: 'vote.cast', change: { voteId: 'v1', kind: 'committee', modelId: 'm', decision: 'approve' } });
    expect(vote.valid).toBe(true);
    if (isAction('vote.cast')(vote)) expect(vote.change.decision).toBe('approve');
    else throw new Error('expected a typed vote');
    const legacy = toTypedEvent({ ...envelope, action: 'test.event', change: { i: 1 } });
    expect(legacy).toMatchObject({ valid: false, action: 'test.event', issue: expect.stringMatching(/action/) });
    const altered = toTypedEvent({ ...envelope, action: 'vote.cast', change: { voteId: 'v1' } });
    expect(altered).toMatchObject({ valid: false, issue: expect.stringMatching(/change/) });
  });
});
