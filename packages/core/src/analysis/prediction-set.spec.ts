import { describe, expect, it } from 'vitest';
import { examplesKey, validatePredictionSet } from './prediction-set';

describe('validatePredictionSet', () => {
  it('keys the examples by their ids in order', () => {
    const result = validatePredictionSet({ split: 'test', ids: ['a', 'b'], labels: [1, 0], predictions: [1, 1] });
    expect(result).toEqual({ ok: true, value: { split: 'test', examplesKey: examplesKey(['a', 'b']), labels: [1, 0], predictions: [1, 1] } });
    expect(examplesKey(['a', 'b'])).not.toBe(examplesKey(['b', 'a']));
    expect(examplesKey(['ab'])).not.toBe(examplesKey(['a', 'b']));
  });

  it('names the field and the fix for each problem', () => {
    const result = validatePredictionSet({ split: 'Test!', ids: ['a', ''], labels: [1], predictions: [1, -1] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.field)).toEqual(['input.split', 'input.labels', 'input.predictions[1]', 'input.ids[1]']);
    expect(validatePredictionSet({ split: 'test', ids: [], labels: [], predictions: [] })).toMatchObject({ ok: false, issues: [{ field: 'input.ids' }] });
  });
});
