import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, ApiUnavailableError, retryAfterMs, untilAnswered } from './api-client';

const LOG_POINTS = parse(`mutation ($runId: ID!, $steps: [Int!]!) { logMetricSeries(runId: $runId, series: [{ key: "train/loss", steps: $steps, values: [1] }]) { accepted } }`) as TypedDocumentNode<
  { logMetricSeries: { accepted: number } },
  { runId: string; steps: number[] }
>;

type Answer = { status: number; headers?: Record<string, string>; body: unknown };

/** A stand-in API on 127.0.0.1 that answers from a script and records every request body. */
async function fakeApi(answers: Answer[]): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      const answer = answers[Math.min(bodies.length - 1, answers.length - 1)];
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const rateLimitedBody = (seconds: number) => ({ errors: [{ message: 'rate limit: an API token may send 6000 requests a minute', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }] });
const accepted = { status: 200, body: { data: { logMetricSeries: { accepted: 1 } } } };

describe('rate-limited answers', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('wait Retry-After, then send the same request again', async () => {
    const api = await fakeApi([{ status: 429, headers: { 'retry-after': '1' }, body: rateLimitedBody(1) }, accepted]);
    close = api.close;
    const client = new ApiClient(api.url, 'tlk_test');
    const waits: number[] = [];
    const started = Date.now();
    const result = await untilAnswered(() => client.request(LOG_POINTS, { runId: 'r1', steps: [7] }), { onWait: (_error, ms) => waits.push(ms) });
    const elapsed = Date.now() - started;
    expect(result).toEqual({ logMetricSeries: { accepted: 1 } });
    expect(waits).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5_000);
    expect(api.bodies).toHaveLength(2);
    expect(api.bodies[1]).toBe(api.bodies[0]);
    expect(JSON.parse(api.bodies[0]).variables).toEqual({ runId: 'r1', steps: [7] });
  });

  it('are ApiUnavailableError with the wait, whether said by the status or by the error code', async () => {
    const api = await fakeApi([
      { status: 429, headers: { 'retry-after': '3' }, body: rateLimitedBody(3) },
      { status: 200, body: rateLimitedBody(2) },
      { status: 429, body: 'not json' },
    ]);
    close = api.close;
    const client = new ApiClient(api.url, 'tlk_test');
    const errors: unknown[] = [];
    for (let i = 0; i < 3; i++) errors.push(await client.request(LOG_POINTS, { runId: 'r', steps: [1] }).catch((error: unknown) => error));
    expect(errors.map((error) => error instanceof ApiUnavailableError && error.retryAfterMs)).toEqual([3000, 2000, undefined]);
    expect((errors[0] as Error).message).toMatch(/rate limiting this token \(HTTP 429: rate limit: an API token/);
    expect(errors.some((error) => error instanceof ApiError)).toBe(false);
  });

  it('without a Retry-After keep the growing back-off of an unreachable API', async () => {
    const api = await fakeApi([{ status: 503, body: {} }, accepted]);
    close = api.close;
    const client = new ApiClient(api.url, 'tlk_test');
    const waits: number[] = [];
    await untilAnswered(() => client.request(LOG_POINTS, { runId: 'r', steps: [1] }), { onWait: (_error, ms) => waits.push(ms) });
    expect(waits).toEqual([250]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, an HTTP date, or the error extension, and caps absurd waits', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('5', undefined, now)).toBe(5000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', undefined, now)).toBe(30_000);
    expect(retryAfterMs(null, { message: 'm', extensions: { retryAfterSeconds: 2 } }, now)).toBe(2000);
    expect(retryAfterMs(null, { message: 'm' }, now)).toBeUndefined();
    expect(retryAfterMs('999999', undefined, now)).toBe(15 * 60_000);
  });
});
