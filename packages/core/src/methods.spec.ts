import { describe, expect, it } from 'vitest';
import { isMethod, METHOD_LABELS, METHODS, usesLora, usesMamba } from './methods';

describe('methods', () => {
  it('lists the five methods in a stable order', () => {
    expect(METHODS).toEqual(['full', 'lora', 'mamba', 'head-only', 'mamba-lora']);
  });

  it('recognises exactly the known methods', () => {
    for (const method of METHODS) expect(isMethod(method)).toBe(true);
    expect(isMethod('LoRA')).toBe(false);
    expect(isMethod('')).toBe(false);
    expect(isMethod('qlora')).toBe(false);
  });

  it('labels every method', () => {
    expect(METHOD_LABELS).toEqual({
      full: 'BERT full fine-tuning',
      lora: 'BERT + LoRA',
      mamba: 'Mamba + classification head',
      'head-only': 'Frozen backbone + linear head',
      'mamba-lora': 'Mamba + LoRA',
    });
  });

  it('groups methods by adapter and backbone', () => {
    expect(METHODS.filter(usesLora)).toEqual(['lora', 'mamba-lora']);
    expect(METHODS.filter(usesMamba)).toEqual(['mamba', 'mamba-lora']);
  });
});
