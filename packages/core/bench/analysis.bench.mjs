/**
 * Time of a study analysis (bootstrap intervals, paired tests, Pareto, report) at Kinopoisk scale:
 *   npm run bench:analysis
 * 3 methods × 3 seeds with stored predictions on test sets of 7,000 (20% of the Kinopoisk reviews) and 20,000
 * examples, 1,000 resamples. Prints the median of 5 runs per size.
 */
import { createRequire } from 'node:module';
import os from 'node:os';

const core = createRequire(import.meta.url)('../dist/index.js');

function study(n) {
  const random = core.createRandom('bench');
  const labels = Array.from({ length: n }, () => (random.chance(0.85) ? 1 : 0));
  const hardness = labels.map(() => random.float());
  const runs = [];
  for (const [method, skill] of [['full', 0.93], ['lora', 0.925], ['mamba', 0.9]]) {
    for (const seed of [1, 2, 3]) {
      const noise = core.createRandom(`${method}:${seed}`);
      const predictions = labels.map((label, i) => (hardness[i] + (noise.float() - 0.5) * 0.04 > skill ? 1 - label : label));
      const scores = core.classificationScores(labels, predictions);
      runs.push({
        id: `${method}-${seed}`, method, seed, status: 'SUCCEEDED',
        protocol: { splitFingerprint: 'split', labelRule: 'grade3', textRule: null, maxSeqLength: 256 },
        finalMetrics: { 'eval/f1_macro': scores.f1Macro, 'eval/accuracy': scores.accuracy },
        costs: core.runCosts({ trainSeconds: 1000 * skill + seed, peakMemoryBytes: 8e9, trainableParameters: method === 'lora' ? 3e5 : 1.3e8, totalParameters: 1.8e8, device: 'cuda:0', finalMetrics: {} }),
        predictions: { examplesKey: 'test', labels, predictions },
        evaluations: [],
      });
    }
  }
  return runs;
}

const context = { study: { id: 's', name: 'bench', description: null, maxSeqLength: 256, createdAt: '' }, dataset: { id: 'd', name: 'd', labelRule: 'grade3', textRule: null, quality: null }, generatedAt: '' };
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}`);
for (const n of [7000, 20000]) {
  const runs = study(n);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const analysis = core.analyzeStudy(runs, null);
    core.renderStudyReport('MARKDOWN', context, analysis);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${n.toLocaleString('en-US')} test examples, 9 runs: analysis + Markdown report ${times[2].toFixed(0)} ms (median of 5)`);
}
