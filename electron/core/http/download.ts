/**
 * A download that is large by nature (a whole Bluesky repository: hundreds of MB for a long-lived
 * account), read to the end however long it takes as long as bytes keep coming: the timeout is an
 * idle one, reset on every chunk (and it covers the wait for the answer's headers too), never a
 * whole-request one that a slow link on a big file would always hit. A size cap of its own (the
 * declared Content-Length, then the bytes as they come) refuses an answer before it costs the app
 * its memory. The caller's signal stops it at once, with the signal's reason.
 *
 * Errors: ServerError('network') when the server could not be reached or went quiet,
 * ServerError('server') when it sent more than the cap. An answer that is not 2xx is returned with
 * its body (at most 64 kB read) for the caller to map as its network does.
 */
import { phrase, ServerError, selectNone, type What } from '../base/errors.ts';

export interface DownloadOptions {
  fetch?: typeof fetch;
  /** No byte for this long: the download is given up. */
  idleMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** What is downloaded, for the message when the server cannot be reached. */
  what?: What;
}

export type Download = { ok: true; status: number; headers: Headers; bytes: Uint8Array } | { ok: false; status: number; headers: Headers; text: string };

const errorBodyBytes = 64 * 1024;

const tooLarge = (host: string, maxBytes: number) => new ServerError('server', phrase('error.tooLarge', { host, megabytes: Math.round(maxBytes / 1024 / 1024) }));

export async function download(url: URL, options: DownloadOptions): Promise<Download> {
  const host = url.host;
  const idle = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const quiet = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new DOMException(`no byte for ${options.idleMs} ms`, 'TimeoutError')), options.idleMs);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  const failed = (error: unknown): unknown => {
    if (error instanceof ServerError) return error;
    if (options.signal?.aborted) return options.signal.reason;
    if (idle.signal.aborted) return new ServerError('network', phrase('error.noAnswerWithin', { host, seconds: Math.round(options.idleMs / 1000), tried: selectNone }), { cause: error });
    const words = options.what ? phrase('error.unreachableFor', { host, what: options.what }) : phrase('error.unreachable', { host, tried: selectNone });
    return new ServerError('network', words, { cause: error });
  };
  quiet();
  try {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, { headers: options.headers ?? {}, redirect: 'follow', signal });
    } catch (error) {
      throw failed(error);
    }
    quiet();
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const limit = response.ok ? options.maxBytes : errorBodyBytes;
    if (response.ok && Number.isFinite(declared) && declared > limit) {
      void response.body?.cancel().catch(() => undefined);
      throw tooLarge(host, options.maxBytes);
    }
    const chunks: Uint8Array[] = [];
    let read = 0;
    if (response.body) {
      const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
      const stop = () => void reader.cancel(signal.reason).catch(() => undefined);
      signal.addEventListener('abort', stop, { once: true });
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          quiet();
          read += value.byteLength;
          if (read > limit) {
            void reader.cancel().catch(() => undefined);
            if (!response.ok) break; // enough of an error page to say what it says
            throw tooLarge(host, options.maxBytes);
          }
          chunks.push(value);
        }
      } catch (error) {
        throw failed(error);
      } finally {
        signal.removeEventListener('abort', stop);
      }
      // A body whose reader was cancelled by the signal ends as if done: it is no whole answer.
      if (signal.aborted) throw failed(signal.reason);
    }
    const bytes = Buffer.concat(chunks);
    if (!response.ok) return { ok: false, status: response.status, headers: response.headers, text: bytes.toString('utf8') };
    return { ok: true, status: response.status, headers: response.headers, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } finally {
    clearTimeout(timer);
  }
}
