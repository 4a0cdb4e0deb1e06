import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureServingCost, predictionAgreement, readTestTexts } from './inference-cost';

describe('predictionAgreement', () => {
  it('matches ONNX labels to the engine\'s predictions by id, counting ids the engine lacks as misses', () => {
    const engine = new Map([['a', 1], ['b', 0], ['c', 1]]);
    expect(predictionAgreement(engine, [{ id: 'a', label: 1 }, { id: 'b', label: 1 }, { id: 'c', label: 1 }, { id: 'd', label: 0 }])).toEqual({ compared: 4, agreeing: 2, missing: 1, share: 0.5 });
  });
});

describe('readTestTexts', () => {
  it('reads ids as strings and names the line of a row without text', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-test-texts-')), 'test.jsonl');
    fs.writeFileSync(file, '{"id": 7, "text": "хорошо", "label": 1}\n\n{"id": "x", "text": "плохо", "label": 0}\n');
    expect(readTestTexts(file)).toEqual([{ id: '7', text: 'хорошо' }, { id: 'x', text: 'плохо' }]);
    fs.appendFileSync(file, '{"id": "y"}\n');
    expect(() => readTestTexts(file)).toThrow(/test\.jsonl:4 has no "text"/);
  });
});

describe('measureServingCost', () => {
  it('measures nothing, and says why, when the run has no ONNX export', async () => {
    const lines: string[] = [];
    expect(await measureServingCost({ summary: { onnx: null }, testSplit: '/nonexistent', useGpu: false, log: (line) => lines.push(line) })).toEqual({});
    expect(lines.join('\n')).toMatch(/no ONNX export/);
  });

  it('never throws: an export it cannot load costs the run its inference metrics only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunelab-broken-export-'));
    const test = path.join(dir, 'test.jsonl');
    fs.writeFileSync(test, '{"id": "a", "text": "хорошо", "label": 1}\n');
    const lines: string[] = [];
    const metrics = await measureServingCost({ summary: { onnx: { path: path.join(dir, 'onnx', 'model.onnx') } }, testSplit: test, useGpu: false, log: (line) => lines.push(line) });
    expect(metrics).toEqual({});
    expect(lines.join('\n')).toMatch(/inference cost not measured \(the run completes without it\): .*lacks model\.onnx, tokenizer\.json, model\.json/);
  });
});
