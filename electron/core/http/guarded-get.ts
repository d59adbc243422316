/**
 * A GET of a page or file from anywhere on the web (a link card's page, a person's website):
 * http(s) only (on every redirect hop too, followed by hand), no credentials, no cookies, one
 * timeout for the whole fetch including the body, and the body read in capped chunks. A caller
 * may check each hop's address before it is asked (`checkHop`) and stop it all (`signal`).
 */
import { TextDecoder } from 'node:util';
import { phrase, selectNone, ServerError } from '../base/errors.ts';

export interface GuardedGetOptions {
  /** The whole fetch, redirects and body included. */
  timeoutMs: number;
  maxRedirects: number;
  accept: string;
  userAgent: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Before each request, the first and every redirect's: throws (its own error) to refuse the address. */
  checkHop?: (url: URL) => Promise<void>;
}

export interface GuardedAnswer {
  response: Response;
  /** Where the last redirect led. */
  url: URL;
  /** The body, at most maxBytes of it; stopping early cancels the rest. */
  chunks(maxBytes: number): AsyncGenerator<Uint8Array>;
  discard(): Promise<void>;
}

/** Which link: `which` and `from` of the error.link.* messages. */
export type WhichLink = { which: 'link' | 'image' | 'redirect'; from: string };

export function checkedUrl(input: string | URL, what: WhichLink): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ServerError('invalid_input', phrase('error.link.notAddress', { ...what, typed: String(input) }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerError('invalid_input', phrase('error.link.scheme', { ...what, scheme: url.protocol }));
  }
  if (url.username || url.password) {
    throw new ServerError('invalid_input', phrase('error.link.password', { ...what, host: url.host }));
  }
  return url;
}

/** GET with redirects followed by hand (each hop checked), one timeout for everything. */
export async function guardedGet(start: URL, options: GuardedGetOptions): Promise<GuardedAnswer> {
  const { timeoutMs, maxRedirects } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const failed = (url: URL, error: unknown) => {
    if (error instanceof ServerError) return error;
    if (options.signal?.aborted) return options.signal.reason as unknown;
    return networkError(url, error, timeout, timeoutMs);
  };
  let url = start;
  for (let redirects = 0; ; redirects++) {
    await options.checkHop?.(url); // its refusal as it is, not as an unreachable host
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, { headers: { Accept: options.accept, 'User-Agent': options.userAgent }, credentials: 'omit', redirect: 'manual', signal });
    } catch (error) {
      throw failed(url, error);
    }
    const discard = () => response.body?.cancel().catch(() => undefined) ?? Promise.resolve();
    if (isRedirect(response.status)) {
      await discard();
      const location = response.headers.get('location');
      if (!location) throw new ServerError('server', phrase('error.link.redirectNowhere', { host: url.host }), { status: response.status });
      if (redirects >= maxRedirects) throw new ServerError('server', phrase('error.link.redirects', { host: start.host, count: maxRedirects }), { status: response.status });
      url = checkedUrl(new URL(location, url), { which: 'redirect', from: url.host });
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      await discard();
      throw new ServerError('server', phrase('error.link.error', { host: url.host, status: response.status }), { status: response.status });
    }
    const finalUrl = url;
    return { response, url: finalUrl, discard, chunks: (maxBytes) => cappedChunks(response, maxBytes, (error) => failed(finalUrl, error)) };
  }
}

async function* cappedChunks(response: Response, maxBytes: number, failed: (error: unknown) => unknown): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let read = 0;
  try {
    while (read < maxBytes) {
      const next = await reader.read().catch((error: unknown) => {
        throw failed(error);
      });
      if (next.done) return;
      const chunk = (next.value as Uint8Array).subarray(0, maxBytes - read); // fetch bodies are typed ReadableStream<any>
      read += chunk.byteLength;
      yield chunk;
    }
  } finally {
    // Closes the connection when we stop early; harmless when the body is already done.
    await reader.cancel().catch(() => undefined);
  }
}

const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

function networkError(url: URL, error: unknown, timeout: AbortSignal, timeoutMs: number): ServerError {
  if (timeout.aborted) {
    return new ServerError('network', phrase('error.noAnswerWithin', { host: url.host, seconds: Math.round(timeoutMs / 100) / 10, tried: selectNone }), { cause: error });
  }
  return new ServerError('network', phrase('error.unreachable', { host: url.host, tried: selectNone }), { cause: error });
}

export function mimeTypeOf(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A decoder for the Content-Type's charset; UTF-8 when none is given or it is unknown. */
export function decoderFor(response: Response): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}
