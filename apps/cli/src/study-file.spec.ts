import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, locateApiField, parseStudyFile, type StudyFile } from './study-file';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

function ok(text: string): StudyFile {
  const parsed = parseStudyFile(text);
  if (!parsed.ok) throw new Error(formatProblems('study.yaml', parsed.problems));
  return parsed.study;
}

function problems(text: string): string {
  const parsed = parseStudyFile(text);
  if (parsed.ok) throw new Error('expected problems');
  return formatProblems('study.yaml', parsed.problems);
}

const MINIMAL = `project: p
dataset: reviews
name: s
methods:
  - method: full
    baseModel: m
`;

describe('parseStudyFile', () => {
  it('reads the Kinopoisk example: the original assignment', () => {
    const study = ok(fs.readFileSync(path.join(EXAMPLES, 'kinopoisk-study.yaml'), 'utf8'));
    expect(study.project.name).toBe('kinopoisk');
    expect(study.dataset).toEqual({
      kind: 'import',
      input: { name: 'kinopoisk', source: 'hf://datasets/blinoff/kinopoisk/kinopoisk.jsonl', labelRule: 'grade3', split: { seed: 42, trainFraction: 0.8, testFraction: 0.2 } },
    });
    expect(study.study.maxSeqLength).toBe(256);
    expect(study.study.methods).toEqual([
      { method: 'full', baseModel: 'DeepPavlov/rubert-base-cased' },
      { method: 'lora', baseModel: 'DeepPavlov/rubert-base-cased', hyperparameters: { loraR: 8, loraAlpha: 16, loraTargetModules: ['query', 'value'] } },
      { method: 'mamba', baseModel: 'state-spaces/mamba-130m-hf' },
    ]);
  });

  it('reads the demo example: tiny models, two seeds', () => {
    const study = ok(fs.readFileSync(path.join(EXAMPLES, 'demo-study.yaml'), 'utf8'));
    expect(study.study.seeds).toEqual([1, 2]);
    expect(study.study.methods.map((m) => m.method)).toEqual(['full', 'lora', 'mamba']);
    expect(study.dataset.kind).toBe('import');
  });

  it('takes an existing dataset and a project by name', () => {
    const study = ok(MINIMAL);
    expect(study.dataset).toEqual({ kind: 'existing', name: 'reviews' });
    expect(study.project).toEqual({ name: 'p' });
  });

  it('reports invalid YAML with its line and column', () => {
    const text = `project: p\ndataset: d\nname: [unclosed\nmethods: []\n`;
    expect(problems(text)).toMatch(/^study\.yaml:\d+:\d+: invalid YAML: /);
    const duplicate = `project: p\nproject: q\n`;
    expect(problems(duplicate)).toMatch(/^study\.yaml:2:1: invalid YAML: .*unique/i);
  });

  it('names unknown keys and wrong types with their line, and suggests the key meant', () => {
    const text = `project: p
dataset: reviews
name: s
seeds: [1, two]
methods:
  - method: lora
    baseModel: m
    hyperparameters:
      lora_r: 8
      epochs: 1.5
  - method: bert
    baseModel: m
colour: blue
`;
    expect(problems(text).split('\n')).toEqual([
      'study.yaml:4:12: seeds[1]: must be a number, got text "two"',
      'study.yaml:9:7: methods[0].hyperparameters.lora_r: unknown key "lora_r"; did you mean loraR?; allowed here: learningRate, batchSize, epochs, weightDecay, warmupRatio, gradientAccumulationSteps, loraR, loraAlpha, loraDropout, loraTargetModules, pooling',
      'study.yaml:10:15: methods[0].hyperparameters.epochs: must be a whole number, got 1.5',
      'study.yaml:11:13: methods[1].method: must be one of full, lora, mamba, head-only, mamba-lora; got "bert"',
      'study.yaml:13:1: colour: unknown key "colour"; allowed here: project, dataset, name, description, maxSeqLength, metrics, primaryMetric, seeds, methods',
    ]);
  });

  it('names missing required keys and empty files', () => {
    expect(problems(`project: p\nname: s\nmethods:\n  - method: full\n`)).toBe(
      ['study.yaml:1:1: dataset: is required', 'study.yaml:4:5: methods[0].baseModel: is required in methods[0]'].join('\n'),
    );
    expect(problems('')).toBe('study.yaml:1:1: the file is empty');
    expect(problems('- a\n- b\n')).toBe('study.yaml:1:1: must be a mapping (key: value), got a list');
  });

  it('maps a field the API refused back to the file', () => {
    const study = ok(fs.readFileSync(path.join(EXAMPLES, 'kinopoisk-study.yaml'), 'utf8'));
    const loraR = locateApiField(study, 'input.methods[1].hyperparameters.loraR', 'study');
    expect(loraR?.line).toBe(34);
    expect(locateApiField(study, 'input.split.testFraction', 'dataset')?.line).toBe(21);
    // a field the file does not set: its closest parent
    expect(locateApiField(study, 'input.methods[0].hyperparameters.learningRate', 'study')?.line).toBe(29);
    expect(locateApiField(study, 'input.projectId', 'study')).toBeNull();
  });
});
