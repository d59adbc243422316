/**
 * Mastodon's Rack::Attack budget: by default 300 API requests per 5-minute window per token (per IP without one).
 * Windows are aligned to the epoch, so X-RateLimit-Reset is the end of the current window, as an ISO-8601 time.
 */
export interface RateLimitSettings {
  limit: number;
  windowMs: number;
}

export const defaultRateLimit: RateLimitSettings = { limit: 300, windowMs: 300_000 };

// Rails prints six fractional digits; JS has milliseconds only.
const railsTime = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

export function createRateLimiter({ limit, windowMs }: RateLimitSettings = defaultRateLimit) {
  const counts = new Map<string, { window: number; count: number }>();
  /** Set by a test: this many next requests are refused whatever the budget, until `resetAt`. */
  let forced: { calls: number; resetAt: number } | null = null;
  return {
    hit(key: string, now = Date.now()): { limited: boolean; headers: Record<string, string> } {
      if (forced && forced.calls > 0) {
        forced.calls--;
        const { resetAt } = forced;
        if (forced.calls === 0) forced = null;
        return { limited: true, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': railsTime(resetAt) } };
      }
      const window = Math.floor(now / windowMs);
      const entry = counts.get(key);
      const count = entry && entry.window === window ? entry.count + 1 : 1;
      counts.set(key, { window, count });
      return {
        limited: count > limit,
        headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - count)), 'X-RateLimit-Reset': railsTime((window + 1) * windowMs) },
      };
    },
    /** The next `calls` API requests answer 429, with X-RateLimit-Reset `resetInMs` from now. */
    limitNext(calls: number, resetInMs: number, now = Date.now()): void {
      forced = calls > 0 ? { calls, resetAt: now + resetInMs } : null;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
