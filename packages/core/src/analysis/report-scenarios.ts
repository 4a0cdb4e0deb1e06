import { type CostAxis } from './cost-axes';
import { formatBytes, formatCount, formatSeconds } from './format';
import { type Recommendation, type RecommendationConstraints, recommendMethod } from './recommendation';
import { methodCost, type StudyAnalysis } from './study-analysis';

/**
 * The constraint scenarios a report answers, derived from the study's own measurements so each one actually
 * separates the methods: no limits; a training-time budget between the fastest and the slowest method; a
 * trainable-parameter budget of 1% of the largest model; the smallest measured GPU memory; and, once
 * inference was measured, a latency budget.
 */
export interface RecommendationScenario {
  name: string;
  constraints: RecommendationConstraints;
  recommendation: Recommendation;
}

/** Each method's measured value of one cost (methods that did not measure it left out). */
function measured(analysis: StudyAnalysis, axis: CostAxis, statistic: 'mean' | 'max'): number[] {
  return analysis.methods.map((method) => methodCost(method, axis, statistic)).filter((value): value is number => value !== null);
}

/** A budget a person would write down: 10 s steps below 2 min, minutes below an hour, then 10 minutes. */
function niceSeconds(seconds: number): number {
  const step = seconds < 120 ? 10 : seconds < 3600 ? 60 : 600;
  return Math.max(step, Math.round(seconds / step) * step);
}

function niceBytes(bytes: number): number {
  const half = 2 ** 29;
  return Math.ceil(bytes / half) * half;
}

export function reportScenarios(analysis: StudyAnalysis): RecommendationScenario[] {
  const scenarios: { name: string; constraints: RecommendationConstraints }[] = [{ name: 'No constraints: best quality', constraints: {} }];

  const times = measured(analysis, 'trainSeconds', 'max');
  if (times.length >= 2 && Math.min(...times) < Math.max(...times)) {
    const budget = niceSeconds(Math.sqrt(Math.min(...times) * Math.max(...times)));
    scenarios.push({ name: `Training-time budget of ${formatSeconds(budget)}`, constraints: { timeBudgetSeconds: budget } });
  }

  const totals = measured(analysis, 'totalParameters', 'max');
  if (totals.length) {
    const budget = Math.round(Math.max(...totals) * 0.01);
    scenarios.push({ name: `At most ${formatCount(budget)} trainable parameters (1% of the largest model)`, constraints: { trainableParameterBudget: budget } });
  }

  const memory = measured(analysis, 'peakMemoryBytes', 'max');
  if (memory.length >= 2 && Math.min(...memory) < Math.max(...memory)) {
    const budget = niceBytes(Math.min(...memory));
    scenarios.push({ name: `GPU memory of ${formatBytes(budget)}`, constraints: { gpuMemoryBytes: budget } });
  }

  const latencies = measured(analysis, 'inferenceLatencyMs', 'mean');
  if (latencies.length >= 2 && Math.min(...latencies) < Math.max(...latencies)) {
    const budget = Number(Math.sqrt(Math.min(...latencies) * Math.max(...latencies)).toPrecision(2));
    scenarios.push({ name: `Inference latency of at most ${budget} ms`, constraints: { latencyBudgetMs: budget } });
  }

  return scenarios.map((scenario) => ({ ...scenario, recommendation: recommendMethod(analysis, scenario.constraints) }));
}
