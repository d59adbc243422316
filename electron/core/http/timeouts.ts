/**
 * How long the core waits for a server's answer before it gives up on a request. One setting for
 * every network library (masto's timeout, @atproto/api's fetch); tests shorten it.
 */
export const timeouts = { requestMs: 15_000 };

/** fetch with the request timeout added to whatever signal the caller passed. */
export const timedFetch: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(timeouts.requestMs);
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};
