import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../audit/events';
import { AUDIT_ACTION_LABELS, auditActionLabel, entityTypeLabel, withoutInternalIds } from './audit-labels';

describe('audit vocabulary for people (issue 10 item 11)', () => {
  it('names the actions the issue quoted', () => {
    expect(auditActionLabel('vote.cast')).toBe('Vote cast');
    expect(auditActionLabel('parameter_set.import')).toBe('Parameter set imported');
  });

  it('has a label for every action, none of them the raw name', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[a]).toMatch(/^[A-Z]/);
      expect(AUDIT_ACTION_LABELS[a]).not.toContain('_');
      expect(AUDIT_ACTION_LABELS[a]).not.toContain('.');
    }
  });

  it('spells out an action it does not know', () => {
    expect(auditActionLabel('model_card.render')).toBe('Model card render');
    expect(entityTypeLabel('promotion_request')).toBe('Promotion request');
    expect(entityTypeLabel('new_thing')).toBe('New thing');
  });

  it('drops database ids from older service text', () => {
    expect(withoutInternalIds('approved by committee: 3 of 3 approvals (request cmx309xvr0000abcdefghijkl); RAI assessment passed'))
      .toBe('approved by committee: 3 of 3 approvals; RAI assessment passed');
    expect(withoutInternalIds('Ratify the emergency promotion of pib-vg-base-diffusion-1.2.4-20230701 (request cmx309xvr0000abcdefghijkl)'))
      .toBe('Ratify the emergency promotion of pib-vg-base-diffusion-1.2.4-20230701');
    expect(withoutInternalIds('nothing to drop (request 12)')).toBe('nothing to drop (request 12)');
  });
});
