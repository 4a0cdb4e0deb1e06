import { describe, expect, it } from 'vitest';
import {
  BERT_BASE_MODEL,
  baseModelSuggestions,
  buildStudyInput,
  describeLabelRule,
  formFields,
  groupIssues,
  initialDraft,
  MAMBA_BASE_MODEL,
  shortMessage,
  type StudyDraft,
} from './new-study-model';

const used = [
  { method: 'full', baseModel: '/models/tiny-bert' },
  { method: 'lora', baseModel: '/models/tiny-bert' },
  { method: 'head-only', baseModel: 'bert-base-uncased' },
  { method: 'mamba', baseModel: '/models/tiny-mamba' },
];

function draftWith(change: (draft: StudyDraft) => void): StudyDraft {
  const draft = initialDraft('ds-1', used);
  draft.name = 'BERT vs Mamba';
  for (const method of ['full', 'lora', 'mamba'] as const) draft.methods[method].chosen = true;
  draft.seeds = '1, 2';
  change(draft);
  return draft;
}

describe('base model suggestions', () => {
  it('offers the models this project used for the same family, most used first, then the public default', () => {
    expect(baseModelSuggestions('lora', used)).toEqual(['/models/tiny-bert', 'bert-base-uncased', BERT_BASE_MODEL]);
    expect(baseModelSuggestions('mamba-lora', used)).toEqual(['/models/tiny-mamba', MAMBA_BASE_MODEL]);
    expect(baseModelSuggestions('full', [])).toEqual([BERT_BASE_MODEL]);
  });

  it('prefills each method with the first suggestion and core defaults', () => {
    const draft = initialDraft('ds-1', used);
    expect(draft.methods.mamba.baseModel).toBe('/models/tiny-mamba');
    expect(draft.methods.full.hyperparameters).toMatchObject({ epochs: '3', batchSize: '16', learningRate: '2e-5' });
    expect(draft.methods.lora.hyperparameters).toMatchObject({ learningRate: '2e-4', loraR: '8', loraAlpha: '16', loraTargetModules: 'query, value' });
    expect(draft.methods['mamba-lora'].hyperparameters.loraTargetModules).toBe('in_proj');
    expect(draft.seeds).toBe('42');
    expect(draft.maxSeqLength).toBe('256');
  });
});

describe('buildStudyInput', () => {
  it('builds createStudy input in method order, with the shown hyperparameters as numbers', () => {
    const built = buildStudyInput('p-1', draftWith((d) => (d.methods.lora.hyperparameters.loraTargetModules = 'query, key ,value')));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input).toMatchObject({ projectId: 'p-1', datasetId: 'ds-1', name: 'BERT vs Mamba', description: null, seeds: [1, 2], maxSeqLength: 256 });
    expect(built.input.methods.map((m) => m.method)).toEqual(['full', 'lora', 'mamba']);
    expect(built.input.methods[0].hyperparameters).toEqual({ epochs: 3, batchSize: 16, learningRate: 2e-5 });
    expect(built.input.methods[1].hyperparameters).toEqual({ epochs: 3, batchSize: 16, learningRate: 2e-4, loraR: 8, loraAlpha: 16, loraTargetModules: ['query', 'key', 'value'] });
  });

  it('reports every problem with the field it belongs to', () => {
    const built = buildStudyInput(
      'p-1',
      draftWith((d) => {
        d.datasetId = '';
        d.name = '  ';
        d.seeds = '1, x, 1';
        d.maxSeqLength = '4';
        d.methods.lora.hyperparameters.learningRate = '1,5';
        d.methods.lora.hyperparameters.loraTargetModules = '';
        d.methods.mamba.hyperparameters.epochs = '';
        d.methods.mamba.baseModel = '';
      }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const byField = Object.fromEntries(built.issues.map((issue) => [issue.field, issue.message]));
    expect(Object.keys(byField).sort()).toEqual(
      [
        'datasetId',
        'name',
        'seeds[1]',
        'seeds[2]',
        'maxSeqLength',
        'methods[1].hyperparameters.learningRate',
        'methods[1].hyperparameters.loraTargetModules',
        'methods[2].hyperparameters.epochs',
        'methods[2].baseModel',
      ].sort(),
    );
    expect(byField['seeds[1]']).toContain('(got "x")');
    expect(byField['seeds[2]']).toContain('repeats seed 1');
    expect(byField['methods[1].hyperparameters.learningRate']).toContain('(got "1,5")');
    expect(byField['methods[2].hyperparameters.epochs']).toBe('methods[2].hyperparameters.epochs is empty; use e.g. 3');
    expect(shortMessage(byField['methods[2].hyperparameters.epochs'])).toBe('epochs is empty; use e.g. 3');
  });

  it('asks for a method when none is chosen, once', () => {
    const built = buildStudyInput('p-1', draftWith((d) => Object.values(d.methods).forEach((m) => (m.chosen = false))));
    expect(built).toEqual({ ok: false, issues: [{ field: 'methods', message: 'methods: choose at least one method to train' }] });
  });
});

describe('groupIssues', () => {
  it("puts the API's issues next to the form's fields and keeps the rest apart", () => {
    const fields = new Set(formFields(['full', 'lora']));
    const { byField, general } = groupIssues(
      [
        { field: 'input.name', message: 'taken' },
        { field: 'input.seeds[3]', message: 'bad seed' },
        { field: 'input.methods[1].hyperparameters.loraTargetModules[0]', message: 'empty module' },
        { field: 'input.primaryMetric', message: 'bad metric' },
      ],
      fields,
    );
    expect(byField.get('name')).toEqual(['taken']);
    expect(byField.get('seeds')).toEqual(['bad seed']);
    expect(byField.get('methods[1].hyperparameters.loraTargetModules')).toEqual(['empty module']);
    expect(general).toEqual([{ field: 'input.primaryMetric', message: 'bad metric' }]);
  });
});

describe('describeLabelRule', () => {
  it('says in words what each rule does', () => {
    expect(describeLabelRule('grade3')).toContain('Good → positive (1)');
    expect(describeLabelRule('grade10>=7')).toContain('7 and above → positive (1)');
    expect(describeLabelRule('custom:{"pos":1,"neg":0}')).toContain('“pos” → 1, “neg” → 0');
  });
});
