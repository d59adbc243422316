/**
 * No server answer is read past a size limit: a timeline page is a few hundred kB, and a server
 * that sends 50 MB (by mistake or on purpose) must cost its account an error, not the app its
 * memory. The cap sits under every network library the core uses (masto, @atproto/api, the
 * OAuth clients, plain fetch), which all call the global fetch: the core wraps it once.
 */
import { ServerError } from '../base/errors.ts';

/** The largest answer Braid reads. */
export const maxAnswerBytes = 16 * 1024 * 1024;

const tooLarge = (url: string, limit: number) =>
  new ServerError('server', `${new URL(url).host} sent an answer over ${Math.round(limit / 1024 / 1024)} MB: Braid did not read it.`);

/** The same response, whose body errors with a ServerError once it passes `limit` bytes. */
export function capped(response: Response, url: string, limit = maxAnswerBytes): Response {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    void response.body?.cancel();
    throw tooLarge(url, limit);
  }
  if (!response.body) return response;
  let read = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      read += chunk.byteLength;
      if (read > limit) controller.error(tooLarge(url, limit));
      else controller.enqueue(chunk);
    },
  });
  const body = response.body.pipeThrough(counter);
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // Response's own url is read-only: keep the original's (redirect handling reads it).
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

const wrapped = Symbol.for('braid.answerCap');

/** Wraps the process's fetch with the cap, once (a second core in the same process finds it done). */
export function capEveryAnswer(): void {
  const current = globalThis.fetch as typeof fetch & { [wrapped]?: true };
  if (current[wrapped]) return;
  const capping = (async (input: Request | string | URL, init?: RequestInit) => {
    const response = await current(input, init);
    const url = input instanceof Request ? input.url : String(input);
    return capped(response, url);
  }) as typeof fetch & { [wrapped]?: true };
  capping[wrapped] = true;
  globalThis.fetch = capping;
}
