/**
 * Mastodon's Rack::Attack budget: 300 API requests per 5-minute window per token (per IP without one). Windows are
 * aligned to the epoch, so X-RateLimit-Reset is the end of the current window, as an ISO-8601 time.
 */
export function createRateLimiter(limit = 300, periodSeconds = 300) {
  const counts = new Map<string, { window: number; count: number }>();
  return {
    hit(key: string, now = Date.now()): { limited: boolean; headers: Record<string, string> } {
      const window = Math.floor(now / 1000 / periodSeconds);
      const entry = counts.get(key);
      const count = entry && entry.window === window ? entry.count + 1 : 1;
      counts.set(key, { window, count });
      // Rails prints six fractional digits; JS has milliseconds only.
      const reset = new Date((window + 1) * periodSeconds * 1000).toISOString().replace('Z', '000Z');
      return {
        limited: count > limit,
        headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - count)), 'X-RateLimit-Reset': reset },
      };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
