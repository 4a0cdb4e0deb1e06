import { describe, expect, it } from 'vitest';
import { metricDirection, metricKeyProblem } from './metric-keys';

describe('metricKeyProblem', () => {
  it('accepts split/name keys in snake case', () => {
    for (const key of ['eval/f1_macro', 'train/loss', 'system/gpu_mem_bytes', 'eval/class_0/f1', 'e/1', 'test/f1_2']) {
      expect(metricKeyProblem(key), key).toBeNull();
    }
  });

  it('rejects keys without a split, with capitals, spaces, or bad separators', () => {
    for (const key of ['loss', 'Eval/f1', 'eval/F1', 'eval/f1 macro', 'eval//f1', '/eval/f1', 'eval/f1/', '1eval/f1', '_eval/f1', 'eval-f1/x', 'eval.f1', '']) {
      const problem = metricKeyProblem(key);
      expect(problem, key).not.toBeNull();
      expect(problem).toContain("e.g. 'eval/f1_macro'");
      expect(problem).toContain('split/name');
    }
  });

  it('shows the rejected key and names the field given as label', () => {
    expect(metricKeyProblem('Eval F1')).toMatch(/^metric key must be split\/name in snake case: .* \(got "Eval F1"\); use e\.g\. 'eval\/f1_macro'/);
    expect(metricKeyProblem('f1', 'primaryMetric')).toMatch(/^primaryMetric must be split\/name/);
  });

  it('allows 128 characters and rejects 129', () => {
    const ok = `eval/${'a'.repeat(123)}`;
    expect(ok).toHaveLength(128);
    expect(metricKeyProblem(ok)).toBeNull();
    expect(metricKeyProblem(`${ok}a`)).toBe(
      "metric key must be at most 128 characters (got 129); shorten it, e.g. 'eval/f1_macro'",
    );
  });
});

describe('metricDirection', () => {
  it('minimizes costs', () => {
    for (const key of [
      'train/loss',
      'eval/loss',
      'eval/cross_entropy_loss',
      'system/train_seconds',
      'system/runtime',
      'eval/latency_ms',
      'system/gpu_mem_bytes',
      'system/peak_memory_gb',
      'model/trainable_params',
      'model/parameters',
      'eval/error_rate',
      'eval/perplexity',
      'system/joules',
      'system/energy_kwh',
    ]) {
      expect(metricDirection(key), key).toBe('minimize');
    }
  });

  it('maximizes scores', () => {
    for (const key of ['eval/f1_macro', 'eval/accuracy', 'eval/auroc', 'system/samples_per_second', 'eval/precision']) {
      expect(metricDirection(key), key).toBe('maximize');
    }
  });

  it('looks only at the last segment', () => {
    expect(metricDirection('loss_probe/accuracy')).toBe('maximize');
    expect(metricDirection('eval/class_0/loss')).toBe('minimize');
  });
});
