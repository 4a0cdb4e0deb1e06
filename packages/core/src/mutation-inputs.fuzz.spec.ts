import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor } from './cursor';
import { resolveImportOptions } from './dataset/import-options';
import { validateDatasetSpec } from './dataset-spec';
import { validatePredictionSet } from './analysis/prediction-set';
import { labelRuleProblem } from './label-rule';
import { METHODS } from './methods';
import { metricKeyProblem } from './metric-keys';
import { normalizeMetricPoints } from './metric-points';
import { seriesToPoints } from './metric-series';
import { nameProblem } from './names';
import { parameterCountProblems, validateRunCompletion, validateRunFailure } from './run-reports';
import { planStudy } from './study-plan';
import { formatIssues, type Validated } from './validation';
import { checkProperty, FUZZ_SEED as SEED } from './testing/fuzz';

/**
 * The validators every GraphQL mutation calls, fed hostile values of the right shape (issue 11): they never
 * throw, every refusal names a field with a bounded message, and whatever they accept fits the columns it is
 * stored in — the PostgreSQL varchar limits, counted in characters (code points) as PostgreSQL counts them.
 * Seeded: a failure prints the seed and the shrunk input.
 */
const RUNS = 400;
const check = (property: fc.IRawProperty<any>, seed: number, numRuns = RUNS) => checkProperty(property, seed, numRuns);

/** The columns validated values land in (apps/api/src/db/migrations/postgresql). */
const COLUMN = {
  name: 200,
  host: 255,
  labelRule: 500,
  textRule: 100,
  primaryMetric: 128,
  metricKey: 128,
  method: 32,
  baseModel: 500,
  errorCode: 64,
  predictionSplit: 32,
  examplesKey: 64,
} as const;

const chars = (value: string) => Array.from(value).length;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 3 }), loneSurrogate, fc.constantFrom('\u0000', '\r\n', '\u202e', '\ufeff', '🤖', 'é', ' ')), { maxLength: 10 }).map((parts) => parts.join('')) },
  // Around the limits, in characters that take one and two UTF-16 units.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(31, 32, 33, 63, 64, 65, 127, 128, 129, 199, 200, 201, 255, 256, 499, 500, 501, 5000, 100_000), fc.constantFrom('a', '🤖', 'я', ' ')).map(([n, c]) => c.repeat(n)) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', 'eval/f1_macro', 'train/loss', 'grade3', 'grade10>=7', 'custom:{"a":1}', 'OOM', 'test', 'full', 'lora', 'strip-score-mentions', '__proto__', 'constructor') },
);
const hostileNumber = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const list = <T>(arb: fc.Arbitrary<T>, maxLength = 6) =>
  fc.oneof({ weight: 5, arbitrary: fc.array(arb, { maxLength }) }, { weight: 1, arbitrary: fc.tuple(arb, fc.integer({ min: 2, max: 300 })).map(([item, n]) => Array<T>(n).fill(item)) });

/** Every refusal names a non-empty field, and its message stays short whatever was sent. */
function checkIssues<T>(result: Validated<T>, context: string) {
  if (result.ok) return;
  expect(result.issues.length, context).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(typeof issue.field === 'string' && issue.field.length > 0, `${context}: issue without a field`).toBe(true);
    expect(issue.message.length, `${context}: ${issue.field} message is ${issue.message.length} characters`).toBeLessThanOrEqual(2000);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  expect(formatIssues(result.issues)).toContain(result.issues[0]!.field);
}

const fits = (value: string | null | undefined, limit: number) => value == null || chars(value) <= limit;

describe('hostile mutation inputs through the core validators', () => {
  it('nameProblem: refused or fits a name column', () => {
    check(
      fc.property(hostileString, (name) => {
        const problem = nameProblem(name, 'name');
        if (problem === null) expect(chars(name.trim())).toBeLessThanOrEqual(COLUMN.name);
        else expect(problem.length).toBeLessThanOrEqual(2000);
        const host = nameProblem(name, 'host', COLUMN.host);
        if (host === null) expect(chars(name.trim())).toBeLessThanOrEqual(COLUMN.host);
      }),
      SEED,
    );
  });

  const hyperparameters = fc.record(
    {
      learningRate: maybe(hostileNumber),
      batchSize: maybe(hostileNumber),
      epochs: maybe(hostileNumber),
      weightDecay: maybe(hostileNumber),
      warmupRatio: maybe(hostileNumber),
      gradientAccumulationSteps: maybe(hostileNumber),
      loraR: maybe(hostileNumber),
      loraAlpha: maybe(hostileNumber),
      loraDropout: maybe(hostileNumber),
      loraTargetModules: maybe(list(hostileString)),
      pooling: maybe(fc.oneof(hostileString, fc.constantFrom('mean', 'last-token'))),
    },
    { requiredKeys: [] },
  );
  const studyInput = fc.record({
    name: hostileString,
    description: maybe(hostileString),
    maxSeqLength: maybe(hostileNumber),
    metrics: maybe(list(hostileString)),
    primaryMetric: maybe(hostileString),
    seeds: maybe(list(fc.oneof(hostileNumber, fc.constantFrom(1, 2, 42)))),
    methods: list(fc.record({ method: fc.oneof(fc.constantFrom(...METHODS), hostileString), baseModel: hostileString, hyperparameters: maybe(hyperparameters) }), 25),
  });

  it('planStudy: refused with fields, or every planned value fits its column', () => {
    check(
      fc.property(studyInput, (input) => {
        const plan = planStudy(input as never);
        checkIssues(plan, 'planStudy');
        if (!plan.ok) return;
        expect(fits(plan.value.name, COLUMN.name)).toBe(true);
        expect(fits(plan.value.primaryMetric, COLUMN.primaryMetric)).toBe(true);
        expect(plan.value.metrics.every((key) => metricKeyProblem(key) === null)).toBe(true);
        expect(new Set(plan.value.seeds).size).toBe(plan.value.seeds.length);
        expect(plan.value.runs.length).toBe(plan.value.seeds.length * input.methods.length);
        for (const run of plan.value.runs) {
          expect(fits(run.method, COLUMN.method) && fits(run.baseModel, COLUMN.baseModel)).toBe(true);
          expect(Number.isInteger(run.seed) && run.seed >= 0 && run.seed <= 2 ** 31 - 1).toBe(true);
          expect(JSON.parse(JSON.stringify(run.hyperparameters))).toEqual(run.hyperparameters);
        }
      }),
      SEED + 1,
    );
  });

  const labelRule = fc.oneof(
    hostileString,
    fc.constantFrom('grade10>=0', 'grade10>=10', 'grade10>=10.5', 'grade10>=1e1', 'grade10>=', 'custom:', 'custom:[]', 'custom:{}', 'custom:{"a":2}', 'custom:{"__proto__":1,"b":0}'),
    fc.dictionary(hostileString, fc.constantFrom(0, 1), { maxKeys: 40 }).map((mapping) => `custom:${JSON.stringify(mapping)}`),
    fc.integer({ min: 1, max: 2000 }).map((n) => `custom:${JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`label-${i}`, i % 2])))}`),
  );
  // The API drops null fields of split before validating (withoutNulls), so here they are absent or hostile numbers.
  const split = fc.record({ seed: hostileNumber, trainFraction: hostileNumber, validationFraction: hostileNumber, testFraction: hostileNumber }, { requiredKeys: [] });

  it('validateDatasetSpec and resolveImportOptions: refused with fields, or the dataset fits its columns', () => {
    check(
      fc.property(
        fc.record({ name: hostileString, source: fc.oneof(hostileString, fc.constantFrom('a.jsonl', 'b.csv.gz', 'c.parquet.gz', 'hf://datasets/a/b/c.parquet', 'http://x/y.csv')), labelRule: maybe(labelRule), textRule: maybe(hostileString), split: maybe(split) }),
        maybe(fc.oneof(hostileString, fc.constantFrom('jsonl', 'CSV', 'parquet', 'JSONL'))),
        maybe(fc.record({ text: maybe(hostileString), label: maybe(hostileString), id: maybe(hostileString) })),
        (input, format, columns) => {
          const spec = validateDatasetSpec(input);
          checkIssues(spec, 'validateDatasetSpec');
          if (spec.ok) {
            expect(fits(spec.value.name, COLUMN.name)).toBe(true);
            expect(fits(spec.value.labelRule, COLUMN.labelRule), `labelRule of ${chars(spec.value.labelRule)} characters`).toBe(true);
            expect(fits(spec.value.textRule, COLUMN.textRule)).toBe(true);
            const { trainFraction, validationFraction, testFraction } = spec.value.split;
            expect(Math.abs(trainFraction + validationFraction + testFraction - 1)).toBeLessThan(1e-6);
          }
          const options = resolveImportOptions({ source: input.source, format, columns, labelRule: spec.ok ? spec.value.labelRule : 'grade3' });
          checkIssues(options, 'resolveImportOptions');
          if (options.ok) {
            for (const column of [options.value.columns.text, options.value.columns.label, options.value.columns.id]) {
              expect(column === null || (column.trim() === column && column.length > 0 && column.length <= 200)).toBe(true);
            }
          }
        },
      ),
      SEED + 2,
    );
  });

  it('labelRuleProblem: an accepted rule fits the label_rule column', () => {
    check(
      fc.property(labelRule, (rule) => {
        if (labelRuleProblem(rule) === null) expect(chars(rule), `accepted a rule of ${chars(rule)} characters`).toBeLessThanOrEqual(COLUMN.labelRule);
      }),
      SEED + 3,
    );
  });

  const point = fc.record(
    { key: fc.oneof(hostileString, fc.constantFrom('train/loss', 'eval/f1_macro')), step: hostileNumber, value: hostileNumber, epoch: maybe(hostileNumber), wallTime: maybe(hostileNumber) },
    { requiredKeys: ['key', 'step', 'value'] },
  );

  it('normalizeMetricPoints and seriesToPoints: refused with cell-level fields, or storable points', () => {
    check(
      fc.property(
        list(point, 30),
        list(fc.record({ key: hostileString, steps: list(hostileNumber), values: list(hostileNumber), epochs: maybe(list(maybe(hostileNumber))), wallTimes: maybe(list(maybe(hostileNumber))) }), 4),
        (points, series) => {
          for (const [batch, locate] of [
            [points, (field: string) => field] as const,
            ...(() => {
              const columns = seriesToPoints(series);
              checkIssues(columns, 'seriesToPoints');
              return columns.ok ? [[columns.value.points, columns.value.locate] as const] : [];
            })(),
          ]) {
            const normalized = normalizeMetricPoints(batch, 1_700_000_000);
            checkIssues(normalized, 'normalizeMetricPoints');
            if (!normalized.ok) {
              expect(normalized.issues.length).toBeLessThanOrEqual(21);
              for (const issue of normalized.issues) expect(locate(issue.field)).toMatch(/^(points|series)(\[\d+\](\.\w+(\[\d+\])?)?)?$/);
              continue;
            }
            for (const record of normalized.value) {
              expect(metricKeyProblem(record.key)).toBeNull();
              expect(fits(record.key, COLUMN.metricKey)).toBe(true);
              expect(Number.isFinite(record.value) && Number.isFinite(record.wallTime) && Number.isInteger(record.step)).toBe(true);
            }
          }
        },
      ),
      SEED + 4,
    );
  });

  it('completion, failure, parameter counts and predictions: refused with fields, or storable reports', () => {
    check(
      fc.property(
        fc.record({
          finalMetrics: fc.dictionary(fc.oneof(hostileString, fc.constantFrom('eval/f1_macro', '__proto__')), fc.oneof(hostileNumber, hostileString, fc.constant(null)), { maxKeys: 8 }),
          trainSeconds: hostileNumber,
          evalSeconds: maybe(hostileNumber),
          peakMemoryBytes: maybe(hostileNumber),
          trainableParameters: maybe(hostileNumber),
          totalParameters: maybe(hostileNumber),
        }),
        fc.record({ code: fc.oneof(hostileString, fc.constantFrom('OOM', 'NAN_LOSS', 'A'.repeat(64), 'A'.repeat(65))), message: hostileString }),
        fc.record({ split: hostileString, ids: list(hostileString, 8), labels: list(hostileNumber, 8), predictions: list(hostileNumber, 8) }),
        (completion, failure, predictions) => {
          const completed = validateRunCompletion(completion);
          checkIssues(completed, 'validateRunCompletion');
          if (completed.ok) {
            expect(Object.entries(completed.value.finalMetrics).every(([key, value]) => metricKeyProblem(key) === null && Number.isFinite(value))).toBe(true);
            expect(Number.isFinite(completed.value.trainSeconds)).toBe(true);
          }
          const failed = validateRunFailure(failure);
          checkIssues(failed, 'validateRunFailure');
          if (failed.ok) expect(fits(failed.value.code, COLUMN.errorCode) && failed.value.message.trim().length > 0).toBe(true);
          const counts = parameterCountProblems(completion.trainableParameters, completion.totalParameters, 'input.');
          expect(counts.every((issue) => issue.field.startsWith('input.'))).toBe(true);
          const stored = validatePredictionSet(predictions);
          checkIssues(stored, 'validatePredictionSet');
          if (stored.ok) {
            expect(fits(stored.value.split, COLUMN.predictionSplit) && stored.value.examplesKey.length === COLUMN.examplesKey).toBe(true);
            expect([...stored.value.labels, ...stored.value.predictions].every((label) => Number.isInteger(label) && label >= 0)).toBe(true);
          }
        },
      ),
      SEED + 5,
    );
  });

  it('decodeCursor refuses anything encodeCursor did not make, without throwing', () => {
    check(
      fc.property(fc.oneof(hostileString, fc.base64String(), fc.json().map((json) => Buffer.from(json).toString('base64url'))), (cursor) => {
        checkIssues(decodeCursor(cursor), 'decodeCursor');
      }),
      SEED + 6,
    );
  });
});
