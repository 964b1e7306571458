import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { actionError, sentence } from './action-error';
import { fieldLabel } from '../domain/field-label';

describe('action errors as people read them (issue 10 item 7)', () => {
  it('a refused field is said once, beside the field; the form-level sentence points at it', () => {
    const e = new AppError('validation_failed', 'Invalid vote: comment a comment is required to reject', { fieldErrors: { comment: ['a comment is required to reject', 'a comment is required to reject'] } });
    expect(actionError(e)).toEqual({
      error: 'Nothing was saved: check the highlighted field.',
      fieldErrors: { comment: ['A comment is required to reject.'] },
    });
  });

  it('counts several fields and keeps each reason with its own field', () => {
    const e = new AppError('validation_failed', 'Invalid parameter set: …', { fieldErrors: { base_noise_lambda: ['λ must be within [0, 1]'], effective_date: ['must be a real date'] } });
    const s = actionError(e)!;
    expect(s.error).toBe('Nothing was saved: check the 2 highlighted fields.');
    expect(s.fieldErrors).toEqual({ base_noise_lambda: ['λ must be within [0, 1].'], effective_date: ['Must be a real date.'] });
  });

  it('errors without fields keep their reason as a sentence', () => {
    expect(actionError(new AppError('forbidden', 'you requested this promotion, so you may not vote on it'))).toEqual({ error: 'You requested this promotion, so you may not vote on it.' });
    expect(sentence('Already done!')).toBe('Already done!');
  });

  it('field names become labels', () => {
    expect(fieldLabel('tested_scenarios')).toBe('Tested scenarios');
    expect(fieldLabel('base_noise_lambda')).toBe('Base noise λ');
    expect(fieldLabel('parameters.learning_rate')).toBe('Parameters learning rate');
    expect(fieldLabel('maxRegressionPct')).toBe('Max regression pct');
  });
});
