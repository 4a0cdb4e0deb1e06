import { describe, expect, it } from 'vitest';
import { defaultHyperparameters } from './hyperparameters';
import { DEFAULT_STUDY_METRICS, planStudy, type StudyPlanInput } from './study-plan';
import type { FieldIssue, Validated } from './validation';

function issuesOf<T>(result: Validated<T>): FieldIssue[] {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.value)}`);
  return result.issues;
}

function valueOf<T>(result: Validated<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

const minimal: StudyPlanInput = { name: 'IMDB methods', methods: [{ method: 'lora', baseModel: 'bert-base-uncased' }] };

function fieldsOf(input: Partial<StudyPlanInput>): string[] {
  return issuesOf(planStudy({ ...minimal, ...input })).map((issue) => issue.field);
}

describe('planStudy defaults', () => {
  it('fills every default for a minimal request', () => {
    expect(valueOf(planStudy(minimal))).toEqual({
      name: 'IMDB methods',
      description: null,
      maxSeqLength: 256,
      metrics: ['eval/f1_macro', 'eval/accuracy'],
      primaryMetric: 'eval/f1_macro',
      seeds: [42],
      runs: [{ method: 'lora', baseModel: 'bert-base-uncased', hyperparameters: defaultHyperparameters('lora'), seed: 42 }],
    });
  });

  it('treats null like absent', () => {
    const plan = valueOf(
      planStudy({ ...minimal, description: null, maxSeqLength: null, metrics: null, primaryMetric: null, seeds: null }),
    );
    expect(plan.maxSeqLength).toBe(256);
    expect(plan.metrics).toEqual(DEFAULT_STUDY_METRICS);
    expect(plan.seeds).toEqual([42]);
  });

  it('does not share the default metrics array with callers', () => {
    valueOf(planStudy(minimal)).metrics.push('eval/x');
    expect(DEFAULT_STUDY_METRICS).toEqual(['eval/f1_macro', 'eval/accuracy']);
  });
});

describe('planStudy runs', () => {
  it('expands every method for every seed, method-major', () => {
    const plan = valueOf(
      planStudy({
        ...minimal,
        seeds: [1, 2, 3],
        methods: [
          { method: 'full', baseModel: 'bert-base-uncased' },
          { method: 'mamba', baseModel: 'state-spaces/mamba-130m-hf', hyperparameters: { pooling: 'mean' } },
        ],
      }),
    );
    expect(plan.runs.map((run) => `${run.method}:${run.seed}`)).toEqual([
      'full:1',
      'full:2',
      'full:3',
      'mamba:1',
      'mamba:2',
      'mamba:3',
    ]);
    expect(plan.runs[3]?.hyperparameters.pooling).toBe('mean');
    expect(plan.runs[3]?.baseModel).toBe('state-spaces/mamba-130m-hf');
  });

  it('gives each run its own hyperparameter object', () => {
    const plan = valueOf(planStudy({ ...minimal, seeds: [1, 2] }));
    plan.runs[0]?.hyperparameters.loraTargetModules?.push('key');
    expect(plan.runs[1]?.hyperparameters.loraTargetModules).toEqual(['query', 'value']);
  });

  it('trims name, description and baseModel; blank description becomes null', () => {
    const plan = valueOf(
      planStudy({ ...minimal, name: '  sweep  ', description: '   ', methods: [{ method: 'full', baseModel: ' bert ' }] }),
    );
    expect(plan.name).toBe('sweep');
    expect(plan.description).toBeNull();
    expect(plan.runs[0]?.baseModel).toBe('bert');
    expect(valueOf(planStudy({ ...minimal, description: ' why ' })).description).toBe('why');
  });
});

describe('planStudy rules', () => {
  it('checks the name', () => {
    expect(fieldsOf({ name: '  ' })).toEqual(['name']);
    expect(fieldsOf({ name: 'x'.repeat(201) })).toEqual(['name']);
    expect(planStudy({ ...minimal, name: 'x'.repeat(200) }).ok).toBe(true);
  });

  it('checks maxSeqLength bounds', () => {
    expect(planStudy({ ...minimal, maxSeqLength: 8 }).ok).toBe(true);
    expect(planStudy({ ...minimal, maxSeqLength: 8192 }).ok).toBe(true);
    for (const bad of [7, 8193, 128.5]) expect(fieldsOf({ maxSeqLength: bad })).toEqual(['maxSeqLength']);
    expect(issuesOf(planStudy({ ...minimal, maxSeqLength: 4 }))[0]?.message).toBe(
      'maxSeqLength must be an integer from 8 to 8192 tokens (got 4); use e.g. 256',
    );
  });

  it('validates and deduplicates metrics, appending the primary metric', () => {
    const plan = valueOf(planStudy({ ...minimal, metrics: ['eval/accuracy', 'train/loss', 'eval/accuracy'] }));
    expect(plan.metrics).toEqual(['eval/accuracy', 'train/loss', 'eval/f1_macro']);
    expect(valueOf(planStudy({ ...minimal, metrics: ['eval/accuracy'], primaryMetric: 'eval/accuracy' })).metrics).toEqual([
      'eval/accuracy',
    ]);
    expect(valueOf(planStudy({ ...minimal, metrics: [], primaryMetric: 'eval/auroc' })).metrics).toEqual(['eval/auroc']);
    expect(fieldsOf({ metrics: ['eval/f1_macro', 'F1'] })).toEqual(['metrics[1]']);
    expect(fieldsOf({ primaryMetric: 'accuracy' })).toEqual(['primaryMetric']);
    expect(issuesOf(planStudy({ ...minimal, primaryMetric: 'accuracy' }))[0]?.message).toMatch(/^primaryMetric must be split\/name/);
  });

  it('checks seeds: count, range, integrality and distinctness', () => {
    expect(valueOf(planStudy({ ...minimal, seeds: [0, 2 ** 31 - 1] })).seeds).toEqual([0, 2 ** 31 - 1]);
    expect(fieldsOf({ seeds: [] })).toEqual(['seeds']);
    expect(fieldsOf({ seeds: Array.from({ length: 21 }, (_, i) => i) })).toEqual(['seeds']);
    expect(planStudy({ ...minimal, seeds: Array.from({ length: 20 }, (_, i) => i) }).ok).toBe(true);
    expect(fieldsOf({ seeds: [1, -1, 2 ** 31, 1.5] })).toEqual(['seeds[1]', 'seeds[2]', 'seeds[3]']);
    expect(issuesOf(planStudy({ ...minimal, seeds: [42, 7, 42] }))).toEqual([
      { field: 'seeds[2]', message: 'seeds[2] repeats seed 42 from seeds[0]; seeds must be distinct, so remove or change it' },
    ]);
  });

  it('checks the number of methods', () => {
    expect(fieldsOf({ methods: [] })).toEqual(['methods']);
    const many = Array.from({ length: 21 }, () => ({ method: 'full', baseModel: 'bert' }));
    expect(fieldsOf({ methods: many })).toEqual(['methods']);
    expect(planStudy({ ...minimal, methods: many.slice(1) }).ok).toBe(true);
  });

  it('lists the known methods when one is unknown', () => {
    expect(issuesOf(planStudy({ ...minimal, methods: [{ method: 'qlora', baseModel: 'bert' }] }))).toEqual([
      { field: 'methods[0].method', message: 'methods[0].method must be one of full, lora, mamba, head-only, mamba-lora (got "qlora")' },
    ]);
  });

  it('checks baseModel', () => {
    expect(fieldsOf({ methods: [{ method: 'full', baseModel: ' ' }] })).toEqual(['methods[0].baseModel']);
    expect(fieldsOf({ methods: [{ method: 'full', baseModel: 'b'.repeat(501) }] })).toEqual(['methods[0].baseModel']);
    expect(planStudy({ ...minimal, methods: [{ method: 'full', baseModel: 'b'.repeat(500) }] }).ok).toBe(true);
  });

  it('prefixes hyperparameter issues with the method index', () => {
    expect(
      issuesOf(
        planStudy({
          ...minimal,
          methods: [
            { method: 'full', baseModel: 'bert' },
            { method: 'full', baseModel: 'bert', hyperparameters: { learningRate: -0.1 } },
          ],
        }),
      ),
    ).toEqual([
      {
        field: 'methods[1].hyperparameters.learningRate',
        message: 'learningRate must be a number greater than 0 and at most 1 (got -0.1); use e.g. 2e-5',
      },
    ]);
  });

  it('reports every problem at once, in input order', () => {
    const issues = issuesOf(
      planStudy({
        name: '',
        maxSeqLength: 1,
        metrics: ['bad key'],
        primaryMetric: 'nope',
        seeds: [1, 1],
        methods: [
          { method: 'full', baseModel: 'bert' },
          { method: 'bogus', baseModel: '' },
          { method: 'head-only', baseModel: 'bert', hyperparameters: { loraR: 4, epochs: 0 } },
        ],
      }),
    );
    expect(issues.map((issue) => issue.field)).toEqual([
      'name',
      'maxSeqLength',
      'metrics[0]',
      'primaryMetric',
      'seeds[1]',
      'methods[1].method',
      'methods[1].baseModel',
      'methods[2].hyperparameters.epochs',
      'methods[2].hyperparameters.loraR',
    ]);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});
