import { describe, expect, it } from 'vitest';
import { defaultHyperparameters, type Hyperparameters, resolveHyperparameters } from './hyperparameters';
import { METHODS } from './methods';
import type { FieldIssue, Validated } from './validation';

function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

function valueOf<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

const common = { batchSize: 16, epochs: 3, weightDecay: 0.01, warmupRatio: 0.1, gradientAccumulationSteps: 1 };

describe('defaultHyperparameters', () => {
  it('gives the documented defaults for each method', () => {
    expect(defaultHyperparameters('full')).toEqual({ learningRate: 2e-5, ...common });
    expect(defaultHyperparameters('lora')).toEqual({
      learningRate: 2e-4,
      ...common,
      loraR: 8,
      loraAlpha: 16,
      loraDropout: 0.1,
      loraTargetModules: ['query', 'value'],
    });
    expect(defaultHyperparameters('mamba')).toEqual({ learningRate: 1e-4, ...common, pooling: 'last-token' });
    expect(defaultHyperparameters('head-only')).toEqual({ learningRate: 1e-3, ...common });
    expect(defaultHyperparameters('mamba-lora')).toEqual({
      learningRate: 2e-4,
      ...common,
      loraR: 8,
      loraAlpha: 16,
      loraDropout: 0.05,
      loraTargetModules: ['in_proj'],
      pooling: 'last-token',
    });
  });

  it('returns a fresh object each call, so callers cannot corrupt the defaults', () => {
    const first = defaultHyperparameters('lora');
    first.loraTargetModules?.push('key');
    expect(defaultHyperparameters('lora').loraTargetModules).toEqual(['query', 'value']);
  });
});

describe('resolveHyperparameters', () => {
  it('returns the defaults for missing, null and empty input', () => {
    for (const method of METHODS) {
      expect(valueOf(resolveHyperparameters(method, undefined, 'hp'))).toEqual(defaultHyperparameters(method));
      expect(valueOf(resolveHyperparameters(method, null, 'hp'))).toEqual(defaultHyperparameters(method));
      expect(valueOf(resolveHyperparameters(method, {}, 'hp'))).toEqual(defaultHyperparameters(method));
    }
  });

  it('merges given values over defaults, treating null as "use the default"', () => {
    const value = valueOf(
      resolveHyperparameters('lora', { learningRate: 3e-4, epochs: null, loraR: 16, loraTargetModules: [' query ', 'key'] }, 'hp'),
    );
    expect(value).toEqual({
      ...defaultHyperparameters('lora'),
      learningRate: 3e-4,
      loraR: 16,
      loraTargetModules: ['query', 'key'],
    });
  });

  it('keeps keys in a stable order regardless of input order', () => {
    const value = valueOf(resolveHyperparameters('mamba-lora', { pooling: 'mean', learningRate: 1e-4 }, ''));
    expect(Object.keys(value)).toEqual([
      'learningRate',
      'batchSize',
      'epochs',
      'weightDecay',
      'warmupRatio',
      'gradientAccumulationSteps',
      'loraR',
      'loraAlpha',
      'loraDropout',
      'loraTargetModules',
      'pooling',
    ]);
  });

  it('includes only the fields that apply to the method', () => {
    expect(Object.keys(valueOf(resolveHyperparameters('full', {}, '')))).not.toContain('loraR');
    expect(Object.keys(valueOf(resolveHyperparameters('full', {}, '')))).not.toContain('pooling');
    expect(Object.keys(valueOf(resolveHyperparameters('lora', {}, '')))).not.toContain('pooling');
    expect(Object.keys(valueOf(resolveHyperparameters('mamba', {}, '')))).not.toContain('loraAlpha');
  });

  it('names the field, the rule, the bad value and a fix', () => {
    const issues = issuesOf(resolveHyperparameters('full', { learningRate: -0.1 }, 'methods[1].hyperparameters'));
    expect(issues).toEqual([
      {
        field: 'methods[1].hyperparameters.learningRate',
        message: 'learningRate must be a number greater than 0 and at most 1 (got -0.1); use e.g. 2e-5',
      },
    ]);
  });

  it('uses the method default as the example', () => {
    const [issue] = issuesOf(resolveHyperparameters('head-only', { learningRate: 2 }, ''));
    expect(issue?.message).toMatch(/use e\.g\. 0\.001$/);
    expect(issue?.field).toBe('learningRate');
  });

  const boundaries: [keyof Hyperparameters, unknown[], unknown[]][] = [
    ['learningRate', [1e-8, 1], [0, -1e-5, 1.0001, Number.NaN, Number.POSITIVE_INFINITY, '2e-5']],
    ['batchSize', [1, 4096], [0, 4097, 8.5, '16']],
    ['epochs', [1, 1000], [0, 1001, 2.5]],
    ['weightDecay', [0, 1], [-0.01, 1.01, Number.NaN]],
    ['warmupRatio', [0, 0.999], [1, -0.1]],
    ['gradientAccumulationSteps', [1, 1024], [0, 1025, 1.5]],
    ['loraR', [1, 1024], [0, 1025, 4.5]],
    ['loraAlpha', [0.5, 1e6], [0, -1, Number.POSITIVE_INFINITY]],
    ['loraDropout', [0, 0.99], [1, -0.1]],
    ['loraTargetModules', [['q'], ['query', 'value', 'key']], [[], [''], ['  '], 'query', [1], {}]],
    ['pooling', ['last-token', 'mean'], ['max', 'MEAN', 1]],
  ];

  for (const [key, good, bad] of boundaries) {
    it(`enforces the rule for ${key}`, () => {
      const method = key === 'pooling' ? 'mamba-lora' : 'lora';
      for (const value of good) {
        const result = resolveHyperparameters(method, { [key]: value }, 'hp');
        expect(result.ok, `${key}=${JSON.stringify(value)} should be accepted`).toBe(true);
      }
      for (const value of bad) {
        const issues = issuesOf(resolveHyperparameters(method, { [key]: value }, 'hp'));
        expect(issues.length, `${key}=${String(value)}`).toBeGreaterThanOrEqual(1);
        expect(issues[0]?.field.startsWith(`hp.${key}`)).toBe(true);
        expect(issues[0]?.message.startsWith(key)).toBe(true);
        expect(issues[0]?.message).toMatch(/use /);
      }
    });
  }

  it('points at the exact bad module name', () => {
    const issues = issuesOf(resolveHyperparameters('lora', { loraTargetModules: ['query', ''] }, 'hp'));
    expect(issues).toEqual([
      {
        field: 'hp.loraTargetModules[1]',
        message: 'loraTargetModules[1] must be a non-empty module name (got ""); use e.g. ["query","value"]',
      },
    ]);
  });

  it('rejects LoRA fields for methods without LoRA', () => {
    for (const method of ['full', 'mamba', 'head-only'] as const) {
      const issues = issuesOf(resolveHyperparameters(method, { loraR: 8, loraTargetModules: ['q'] }, 'hp'));
      expect(issues).toEqual([
        { field: 'hp.loraR', message: 'loraR applies only to lora and mamba-lora; remove it' },
        { field: 'hp.loraTargetModules', message: 'loraTargetModules applies only to lora and mamba-lora; remove it' },
      ]);
    }
  });

  it('rejects pooling for methods without a Mamba backbone', () => {
    for (const method of ['full', 'lora', 'head-only'] as const) {
      expect(issuesOf(resolveHyperparameters(method, { pooling: 'mean' }, 'hp'))).toEqual([
        { field: 'hp.pooling', message: 'pooling applies only to mamba and mamba-lora; remove it' },
      ]);
    }
  });

  it('ignores non-applicable fields given as null', () => {
    expect(resolveHyperparameters('full', { loraR: null, pooling: undefined }, 'hp').ok).toBe(true);
  });

  it('reports a misspelt key instead of silently training with the default', () => {
    const input = { learning_rate: 1e-4 } as unknown as Record<string, unknown>;
    const issues = issuesOf(resolveHyperparameters('full', input, 'hp'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('hp.learning_rate');
    expect(issues[0]?.message).toMatch(/^learning_rate is not a hyperparameter; use one of learningRate, batchSize/);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(
      resolveHyperparameters(
        'full',
        { learningRate: 0, batchSize: 0, epochs: 0, weightDecay: 2, warmupRatio: 1, gradientAccumulationSteps: 0, loraR: 8, pooling: 'mean' },
        'm',
      ),
    );
    expect(issues.map((issue) => issue.field)).toEqual([
      'm.learningRate',
      'm.batchSize',
      'm.epochs',
      'm.weightDecay',
      'm.warmupRatio',
      'm.gradientAccumulationSteps',
      'm.loraR',
      'm.pooling',
    ]);
  });

  it('rejects a non-object input', () => {
    expect(issuesOf(resolveHyperparameters('full', [] as unknown as Record<string, unknown>, 'methods[0].hyperparameters'))).toEqual([
      { field: 'methods[0].hyperparameters', message: 'methods[0].hyperparameters must be an object of hyperparameters (got a list of 0)' },
    ]);
  });
});
