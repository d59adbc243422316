/**
 * How long the core waits for a server's answer before it gives up on a request. One setting for
 * every network library (masto's timeout, @atproto/api's fetch); tests shorten it.
 */
export const timeouts = { requestMs: 15_000 };

/** An upload may take longer: the request timeout plus its bytes at a slow 100 kB/s uplink. */
export const uploadTimeoutMs = (bytes: number) => timeouts.requestMs + Math.ceil(bytes / 100);

const bodySize = (body: RequestInit['body']): number =>
  body instanceof Uint8Array || body instanceof ArrayBuffer ? body.byteLength : body instanceof Blob ? body.size : 0;

/** fetch with the request timeout (longer for an upload) added to whatever signal the caller passed. */
export const timedFetch: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(uploadTimeoutMs(bodySize(init?.body)));
  return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};
