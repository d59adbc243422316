import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract.ts';
import { defaultRetryPolicy, nextAttempt, type RetryPolicy } from '../../electron/core/compose/retry-policy.ts';
import { retryAtFrom } from '../../electron/core/http/retry-at.ts';

const now = Date.parse('2030-01-01T00:00:00.000Z');

const policy = (random: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  maxAttempts: 5,
  maxRateLimitedAttempts: 12,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  resetJitterMs: 2_000,
  random: () => random,
  ...overrides,
});

/** The delay chosen after `attempts` failed attempts, or null when it gives up. */
function delayAfter(code: ErrorCode, attempts: number, random: number, overrides: Partial<RetryPolicy> = {}, retryAt?: number): number | null {
  const decision = nextAttempt({ code, retryAt }, attempts, now, policy(random, overrides));
  return decision.retry ? decision.at - now : null;
}

describe('nextAttempt: what is final', () => {
  it.each(['auth_expired', 'invalid_input', 'not_supported', 'not_found', 'internal', 'unauthorized', 'auth_factor_required'] as const)(
    '%s is never retried, even on the first attempt or with a time to come back',
    (code) => {
      expect(nextAttempt({ code }, 1, now, policy(0.5))).toEqual({ retry: false });
      expect(nextAttempt({ code, retryAt: now + 1000 }, 1, now, policy(0.5))).toEqual({ retry: false });
    },
  );
});

describe('nextAttempt: failures that can pass', () => {
  it.each(['network', 'server', 'unknown_outcome'] as const)('%s retries after between half and all of base·2^(n-1)', (code) => {
    for (const [attempts, ceiling] of [[1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000]] as const) {
      expect(delayAfter(code, attempts, 0), `attempt ${attempts}`).toBe(ceiling / 2);
      expect(delayAfter(code, attempts, 1), `attempt ${attempts}`).toBe(ceiling);
      expect(delayAfter(code, attempts, 0.5), `attempt ${attempts}`).toBe((ceiling * 3) / 4);
    }
  });

  it('never waits longer than maxDelayMs', () => {
    const generous = { maxAttempts: 50 };
    expect(delayAfter('server', 5, 1, generous)).toBe(10_000); // 16 s capped to 10 s
    expect(delayAfter('server', 5, 0, generous)).toBe(5_000);
    expect(delayAfter('network', 40, 1, generous)).toBe(10_000);
  });

  it('stops once maxAttempts were made', () => {
    expect(delayAfter('network', 4, 0)).not.toBeNull();
    expect(delayAfter('network', 5, 0)).toBeNull();
    expect(delayAfter('unknown_outcome', 6, 0)).toBeNull();
    expect(delayAfter('server', 1, 0, { maxAttempts: 1 })).toBeNull();
  });

  it('comes back when the server said, plus some jitter, for a 503 with Retry-After too', () => {
    expect(delayAfter('server', 1, 0, {}, now + 30_000)).toBe(30_000);
    expect(delayAfter('server', 1, 1, {}, now + 30_000)).toBe(32_000);
  });

  it('uses the default policy when none is given', () => {
    const decision = nextAttempt({ code: 'network' }, 1, now);
    expect(decision.retry).toBe(true);
    const at = decision.retry ? decision.at : 0;
    expect(at - now).toBeGreaterThanOrEqual(defaultRetryPolicy.baseDelayMs / 2);
    expect(at - now).toBeLessThanOrEqual(defaultRetryPolicy.baseDelayMs);
  });
});

describe('nextAttempt: rate limits', () => {
  it('waits until the server’s reset plus at most resetJitterMs, however long that is', () => {
    const reset = now + 20 * 60_000; // beyond maxDelayMs: the server knows best
    expect(delayAfter('rate_limited', 1, 0, {}, reset)).toBe(20 * 60_000);
    expect(delayAfter('rate_limited', 1, 0.5, {}, reset)).toBe(20 * 60_000 + 1_000);
    expect(delayAfter('rate_limited', 1, 1, {}, reset)).toBe(20 * 60_000 + 2_000);
  });

  it('backs off as usual when the server gave no reset, or one already past', () => {
    expect(delayAfter('rate_limited', 3, 1)).toBe(4_000);
    expect(delayAfter('rate_limited', 3, 1, {}, now - 5_000)).toBe(4_000);
    expect(delayAfter('rate_limited', 3, 1, {}, now)).toBe(4_000);
  });

  it('has the larger attempt budget', () => {
    expect(delayAfter('rate_limited', 5, 0, {}, now + 1_000)).toBe(1_000);
    expect(delayAfter('rate_limited', 11, 0, {}, now + 1_000)).toBe(1_000);
    expect(delayAfter('rate_limited', 12, 0, {}, now + 1_000)).toBeNull();
    expect(delayAfter('network', 5, 0)).toBeNull();
  });
});

describe('retryAtFrom', () => {
  const seconds = (ms: number) => String(Math.floor(ms / 1000));

  it('reads Retry-After in seconds', () => {
    expect(retryAtFrom(new Headers({ 'Retry-After': '30' }), now)).toBe(now + 30_000);
    expect(retryAtFrom({ 'retry-after': ' 120 ' }, now)).toBe(now + 120_000);
    expect(retryAtFrom({ 'Retry-After': '0' }, now)).toBe(now);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(retryAtFrom(new Headers({ 'Retry-After': 'Tue, 01 Jan 2030 00:01:00 GMT' }), now)).toBe(now + 60_000);
  });

  it('reads Mastodon’s X-RateLimit-Reset as an ISO time', () => {
    expect(retryAtFrom(new Headers({ 'X-RateLimit-Reset': '2030-01-01T00:05:00.000Z' }), now)).toBe(now + 5 * 60_000);
    expect(retryAtFrom({ 'X-RateLimit-Reset': '2030-01-01T00:05:00.123456Z' }, now)).toBe(now + 5 * 60_000 + 123);
  });

  it('reads Bluesky’s RateLimit-Reset as unix seconds', () => {
    expect(retryAtFrom(new Headers({ 'RateLimit-Reset': seconds(now + 90_000) }), now)).toBe(now + 90_000);
    expect(retryAtFrom({ 'ratelimit-reset': seconds(now + 90_000) }, now)).toBe(now + 90_000);
  });

  it('takes plain records with any case of name, and the first of repeated values', () => {
    expect(retryAtFrom({ 'RATELIMIT-RESET': [seconds(now + 10_000), seconds(now + 50_000)], other: undefined }, now)).toBe(now + 10_000);
    expect(retryAtFrom({ 'Retry-After': undefined }, now)).toBeUndefined();
  });

  it('takes the latest of the times given', () => {
    const headers = new Headers({ 'Retry-After': '30', 'X-RateLimit-Reset': '2030-01-01T00:02:00.000Z', 'RateLimit-Reset': seconds(now + 45_000) });
    expect(retryAtFrom(headers, now)).toBe(now + 120_000);
  });

  it('ignores what it cannot read', () => {
    expect(retryAtFrom(undefined, now)).toBeUndefined();
    expect(retryAtFrom(new Headers(), now)).toBeUndefined();
    expect(retryAtFrom({ 'Retry-After': 'soon', 'X-RateLimit-Reset': 'tomorrow-ish', 'RateLimit-Reset': 'abc' }, now)).toBeUndefined();
    expect(retryAtFrom({ 'Retry-After': '', 'RateLimit-Reset': '12.5' }, now)).toBeUndefined();
    expect(retryAtFrom({ 'Retry-After': 'soon', 'RateLimit-Reset': seconds(now + 20_000) }, now)).toBe(now + 20_000);
  });

  it('treats a time already past as now', () => {
    expect(retryAtFrom({ 'X-RateLimit-Reset': '2029-12-31T23:00:00.000Z' }, now)).toBe(now);
    expect(retryAtFrom(new Headers({ 'Retry-After': 'Mon, 31 Dec 2029 23:00:00 GMT' }), now)).toBe(now);
    expect(retryAtFrom({ 'RateLimit-Reset': seconds(now - 60_000) }, now)).toBe(now);
  });

  it('waits an hour at most, whatever the server says', () => {
    expect(retryAtFrom({ 'Retry-After': '86400' }, now)).toBe(now + 60 * 60_000);
    expect(retryAtFrom({ 'X-RateLimit-Reset': '2031-01-01T00:00:00.000Z' }, now)).toBe(now + 60 * 60_000);
    expect(retryAtFrom({ 'RateLimit-Reset': seconds(now + 2 * 60 * 60_000) }, now)).toBe(now + 60 * 60_000);
  });
});
