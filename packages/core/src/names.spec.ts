import { describe, expect, it } from 'vitest';
import { nameProblem } from './names';

describe('nameProblem', () => {
  it('accepts a normal name', () => {
    expect(nameProblem('LoRA vs full', 'name')).toBeNull();
  });

  it('rejects empty and whitespace-only names, naming the field', () => {
    expect(nameProblem('', 'name')).toBe('name must not be empty; give it a short descriptive name');
    expect(nameProblem('   \t', 'study.name')).toMatch(/^study\.name must not be empty/);
  });

  it('applies the default limit of 200 to the trimmed value', () => {
    expect(nameProblem('a'.repeat(200), 'name')).toBeNull();
    expect(nameProblem(`  ${'a'.repeat(200)}  `, 'name')).toBeNull();
    expect(nameProblem('a'.repeat(201), 'name')).toBe('name must be at most 200 characters (got 201); shorten it');
  });

  it('honours a custom limit', () => {
    expect(nameProblem('abcd', 'baseModel', 3)).toMatch(/at most 3 characters \(got 4\)/);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(nameProblem('🙂'.repeat(200), 'name')).toBeNull();
  });

  it('rejects non-text values that slip past the type system', () => {
    expect(nameProblem(42 as unknown as string, 'name')).toBe('name must be text (got number)');
  });
});
