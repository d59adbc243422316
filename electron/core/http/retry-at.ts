/**
 * When a server that refused a request (429, 503) wants it again, from the headers it sent:
 * Retry-After (seconds or an HTTP date), Mastodon's X-RateLimit-Reset (an ISO-8601 time) or
 * Bluesky's RateLimit-Reset (unix seconds). Undefined when it said nothing usable.
 */
type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/** A wait longer than this is a server's mistake (or a clock far off): it is capped. */
const longestWaitMs = 60 * 60_000;

export function retryAtFrom(headers: HeaderSource, now = Date.now()): number | undefined {
  const candidates: number[] = [];
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) candidates.push(now + Number(retryAfter) * 1000);
    else if (!Number.isNaN(Date.parse(retryAfter))) candidates.push(Date.parse(retryAfter));
  }
  const isoReset = header(headers, 'x-ratelimit-reset')?.trim();
  // X-RateLimit-Reset (Mastodon): an ISO time; a bare number would read as a year, so it is not taken for one.
  if (isoReset && !/^\d+$/.test(isoReset) && !Number.isNaN(Date.parse(isoReset))) candidates.push(Date.parse(isoReset));
  // RateLimit-Reset (Bluesky): unix seconds.
  const epochReset = header(headers, 'ratelimit-reset')?.trim();
  if (epochReset && /^\d+$/.test(epochReset)) candidates.push(Number(epochReset) * 1000);
  const valid = candidates.filter((at) => Number.isFinite(at));
  if (valid.length === 0) return undefined;
  return Math.min(Math.max(...valid, now), now + longestWaitMs);
}
