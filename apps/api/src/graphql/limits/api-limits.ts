import type { ValidationRule } from 'graphql';
import { queryLimitRules } from './query-limit.rules';
import { RequestRateLimiter } from './request-rate-limiter';
import type { BucketRate } from './token-bucket';

/**
 * What the API refuses (docs/deploy.md, "Limits"). The defaults leave every client in this repository far
 * below them: the deepest real document (the trainer's claimRun) has depth 6, the costliest (the web app's
 * comparison of 10 runs with their curves) costs about 360,000, the largest is about 7 KB; apps/api/test/limits.test.ts
 * measures them all.
 */
export interface ApiLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Of the query text (UTF-8), per HTTP request or subscribe message. */
  maxQueryBytes: number;
  /** Requests per API token; null turns rate limiting off. */
  rateLimit: BucketRate | null;
  /** Requests per remote address without a known token; null: not limited. */
  anonymousRateLimit: BucketRate | null;
}

export const DEFAULT_MAX_QUERY_DEPTH = 12;
export const DEFAULT_MAX_QUERY_COST = 1_000_000;
export const DEFAULT_MAX_QUERY_BYTES = 100 * 1024;
/** 100 requests a second per token, 600 at once. */
export const DEFAULT_RATE_LIMIT = 6_000;
export const DEFAULT_ANONYMOUS_RATE_LIMIT = 600;

/** A burst of a tenth of a minute's requests, at least one. */
export function defaultBurst(perMinute: number): number {
  return Math.max(1, Math.ceil(perMinute / 10));
}

/** For servers started without limits in their env (benchmarks): query limits at their defaults, no rate limit. */
export const UNMETERED_LIMITS: ApiLimits = {
  maxQueryDepth: DEFAULT_MAX_QUERY_DEPTH,
  maxQueryCost: DEFAULT_MAX_QUERY_COST,
  maxQueryBytes: DEFAULT_MAX_QUERY_BYTES,
  rateLimit: null,
  anonymousRateLimit: null,
};

export interface ApiLimitGuards {
  limits: ApiLimits;
  /** Depth and cost, for Apollo's validationRules and graphql-ws's validate. */
  rules: ValidationRule[];
  limiter: RequestRateLimiter;
}

export function createLimitGuards(limits: ApiLimits): ApiLimitGuards {
  return {
    limits,
    rules: queryLimitRules({ maxDepth: limits.maxQueryDepth, maxCost: limits.maxQueryCost }),
    limiter: new RequestRateLimiter({ perToken: limits.rateLimit, perAddress: limits.anonymousRateLimit }),
  };
}
