import type { NumberRule } from './number-rules';

/** Seeds must fit a signed 32-bit integer because that is what every RNG the engine seeds accepts. */
export const MAX_SEED = 2 ** 31 - 1;

export const SEED_RULE: NumberRule = { integer: true, min: 0, max: MAX_SEED };

export const DEFAULT_SEED = 42;
