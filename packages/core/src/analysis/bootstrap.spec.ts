import { describe, expect, it } from 'vitest';
import { meanOf, sharedBootstrap } from './bootstrap';
import { classificationScores } from './statistics';

describe('sharedBootstrap', () => {
  const labels = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const good = labels.map((label, i) => (i % 10 === 0 ? 1 - label : label)); // 90%
  const fair = labels.map((label, i) => (i % 5 === 0 ? 1 - label : label)); // 80%
  const weak = labels.map((label, i) => (i % 3 === 1 ? 1 - label : label)); // 67%
  const boot = sharedBootstrap(labels, [good, fair, weak], { seed: 's', resamples: 500 });

  it('scores every set on all examples as the estimate', () => {
    expect(boot.estimates[1]).toEqual(classificationScores(labels, fair));
  });

  it('brackets a seed mean and separates a clear difference, on the same resamples', () => {
    const mean = boot.interval(meanOf([0, 1], 'accuracy'));
    expect(mean.estimate).toBeCloseTo(0.85, 12);
    expect(mean.low).toBeLessThan(0.85);
    expect(mean.high).toBeGreaterThan(0.85);
    const difference = boot.interval((scores) => meanOf([0, 1], 'f1Macro')(scores) - meanOf([2], 'f1Macro')(scores));
    expect(difference.low).toBeGreaterThan(0);
    const itself = boot.interval((scores) => scores[0].f1Macro - scores[0].f1Macro);
    expect([itself.low, itself.high]).toEqual([0, 0]);
  });

  it('repeats for a seed and narrows with lower confidence', () => {
    const again = sharedBootstrap(labels, [good, fair, weak], { seed: 's', resamples: 500 });
    expect(again.interval(meanOf([0], 'f1Macro'))).toEqual(boot.interval(meanOf([0], 'f1Macro')));
    const narrow = sharedBootstrap(labels, [good], { seed: 's', resamples: 500, confidence: 0.5 }).interval(meanOf([0], 'f1Macro'));
    const wide = boot.interval(meanOf([0], 'f1Macro'));
    expect(narrow.high - narrow.low).toBeLessThan(wide.high - wide.low);
  });
});
