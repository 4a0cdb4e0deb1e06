import { describe, expect, it } from 'vitest';
import { analysisViewSearch, parseAnalysisView, qualityChoices } from './analysis-view-state';

const choices = ['eval/f1_macro', 'eval/accuracy'];

describe('analysis view in the URL', () => {
  it('reads the cost axis and quality metric, falling back on unknown values', () => {
    expect(parseAnalysisView(new URLSearchParams('cost=trainable-params&quality=eval/accuracy'), choices, 'eval/f1_macro')).toMatchObject({
      cost: { axis: 'TRAINABLE_PARAMETERS', log: true },
      qualityMetric: 'eval/accuracy',
    });
    expect(parseAnalysisView(new URLSearchParams('cost=bogus&quality=eval/loss'), choices, 'eval/f1_macro')).toMatchObject({
      cost: { axis: 'TRAIN_SECONDS' },
      qualityMetric: 'eval/f1_macro',
    });
  });

  it('writes choices, leaving defaults and other params as they are', () => {
    expect(analysisViewSearch('status=SUCCEEDED', { cost: 'peak-memory' }, 'eval/f1_macro')).toBe('status=SUCCEEDED&cost=peak-memory');
    expect(analysisViewSearch('cost=peak-memory&quality=eval/accuracy', { cost: 'train-time', quality: 'eval/f1_macro' }, 'eval/f1_macro')).toBe('');
  });

  it('offers higher-is-better metrics only, macro-F1 always', () => {
    expect(qualityChoices(['eval/accuracy', 'eval/loss', 'train/loss'])).toEqual(['eval/f1_macro', 'eval/accuracy']);
  });
});
