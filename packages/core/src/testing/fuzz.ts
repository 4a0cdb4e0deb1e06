import fc from 'fast-check';

/**
 * The fuzzers' shared harness (core's and the API's property tests; not exported from the package index, and
 * fast-check is a dev dependency): a fixed base seed, TUNELAB_FUZZ_SEED to change it, and a failure report short
 * enough to read when a counterexample holds megabytes.
 */
export const FUZZ_SEED = Number(process.env.TUNELAB_FUZZ_SEED ?? 20261211);

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`);

export function fuzzFailureReport(details: fc.RunDetails<unknown>): string {
  const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
  return [
    `Property failed after ${details.numRuns} tests; reproduce with { seed: ${details.seed}, path: "${details.counterexamplePath}" } (TUNELAB_FUZZ_SEED sets the base seed)`,
    `Counterexample: ${clip(fc.stringify(details.counterexample), 2500)}`,
    `Got error: ${clip(error, 4000)}`,
  ].join('\n');
}

/** fc.assert with that seed and report; returns a promise for an async property. */
export function checkProperty(property: fc.IRawProperty<any>, seed: number, numRuns: number): void | Promise<void> {
  const fail = (details: fc.RunDetails<unknown>) => {
    if (details.failed) throw new Error(fuzzFailureReport(details));
  };
  return property.isAsync()
    ? fc.assert(property, { seed, numRuns, asyncReporter: async (details) => fail(details) })
    : fc.assert(property, { seed, numRuns, reporter: fail });
}
