import { describe, expect, it } from 'vitest';
import { isShown, parseShownKeys, serializeShownKeys, toggleShown } from './metric-selection';

const ALL = ['eval/f1_macro', 'system/cpu_percent', 'train/loss'];

describe('metric selection in the URL', () => {
  it('shows every key without a parameter, and none with an empty one', () => {
    expect(parseShownKeys(null)).toBeNull();
    expect(isShown(null, 'train/loss')).toBe(true);
    expect(parseShownKeys('')).toEqual(new Set());
    expect(parseShownKeys('train/loss, eval/f1_macro,')).toEqual(new Set(['train/loss', 'eval/f1_macro']));
  });

  it('turns keys off and on, and drops the parameter once all are on again', () => {
    const without = toggleShown(null, 'system/cpu_percent', ALL);
    expect(serializeShownKeys(without, ALL)).toBe('eval/f1_macro,train/loss');
    const back = toggleShown(without, 'system/cpu_percent', ALL);
    expect(serializeShownKeys(back, ALL)).toBeNull();
    expect(serializeShownKeys(new Set(), ALL)).toBe('');
  });

  it('keeps keys the run has not logged yet, after the known ones', () => {
    const shown = parseShownKeys('eval/later,train/loss');
    expect(serializeShownKeys(toggleShown(shown, 'eval/f1_macro', ALL), ALL)).toBe('eval/f1_macro,train/loss,eval/later');
  });
});
