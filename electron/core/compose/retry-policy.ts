/**
 * After a failed attempt, does a target try again, and when? Only failures that can pass by
 * themselves are retried (no answer, a server error, rate limits); a refusal (invalid input,
 * signed out, not supported) is final and shown. Every retry of the outbox is safe: a target
 * keeps its idempotency keys, and a post that may have landed is looked up first.
 */
import type { ErrorCode } from '../../../shared/contract.ts';

export interface RetryPolicy {
  /** Attempts in all, counting the first, for failures other than rate limits. */
  maxAttempts: number;
  /** Rate limits say when to come back: they may take more attempts. */
  maxRateLimitedAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Added to a server's own reset time, so that many clients do not return at once. */
  resetJitterMs: number;
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  maxRateLimitedAttempts: 12,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  resetJitterMs: 2_000,
  random: Math.random,
};

export interface Failure {
  code: ErrorCode;
  /** When the server asked to be tried again (epoch ms). */
  retryAt?: number | undefined;
}

export type Decision = { retry: true; at: number } | { retry: false };

const passing: ReadonlySet<ErrorCode> = new Set(['network', 'server', 'unknown_outcome', 'rate_limited']);

/** `attempts`: how many were made, the failed one included. */
export function nextAttempt(failure: Failure, attempts: number, now: number, policy: RetryPolicy = defaultRetryPolicy): Decision {
  if (!passing.has(failure.code)) return { retry: false };
  const limit = failure.code === 'rate_limited' ? policy.maxRateLimitedAttempts : policy.maxAttempts;
  if (attempts >= limit) return { retry: false };
  if (failure.retryAt !== undefined && failure.retryAt > now) {
    return { retry: true, at: failure.retryAt + Math.round(policy.random() * policy.resetJitterMs) };
  }
  // Exponential backoff with full jitter: between half and all of base·2^(n-1), capped.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return { retry: true, at: now + Math.round(ceiling / 2 + (policy.random() * ceiling) / 2) };
}
