import { describe, expect, it } from 'vitest';
import { className, describeIssue, MAX_TRY_TEXTS, noModelReason, reviewsProblem, splitReviews } from './try-it-model';

describe('splitReviews', () => {
  it('reads one review, or several separated by blank lines', () => {
    expect(splitReviews('  Отличный фильм.\nПересмотрю.  ')).toEqual(['Отличный фильм.\nПересмотрю.']);
    expect(splitReviews('Хорошо.\n\nПлохо.\r\n  \r\nСкучно.\n\n\n')).toEqual(['Хорошо.', 'Плохо.', 'Скучно.']);
    expect(splitReviews(' \n\n ')).toEqual([]);
  });
});

describe('reviewsProblem', () => {
  it('asks for a review and keeps to the API limit', () => {
    expect(reviewsProblem([])).toMatch(/^texts: type a review/);
    expect(reviewsProblem(['a'])).toBeNull();
    expect(reviewsProblem(Array.from({ length: MAX_TRY_TEXTS + 1 }, () => 'a'))).toMatch(/at most 256 reviews at a time \(got 257\)/);
  });
});

describe('describeIssue', () => {
  it('names the field and, for one review, its number', () => {
    expect(describeIssue({ field: 'texts[2]', message: 'is empty; send the review text' })).toBe('Review 3: texts[2] is empty; send the review text');
    expect(describeIssue({ field: 'runId', message: 'run r1 has no exported model' })).toBe('runId run r1 has no exported model');
    expect(describeIssue({ field: 'texts', message: 'texts: at most 256' })).toBe('texts: at most 256');
  });
});

describe('labels and reasons', () => {
  it('names classes 0 and 1 and says why there is no model', () => {
    expect([0, 1, 2].map(className)).toEqual(['negative', 'positive', 'label 2']);
    expect(noModelReason('RUNNING')).toContain('has not finished');
    expect(noModelReason('SUCCEEDED')).toContain('did not upload an ONNX export');
    expect(noModelReason('FAILED')).toContain('failed');
  });
});
