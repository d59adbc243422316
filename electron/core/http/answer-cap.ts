/**
 * How the core reads every server answer, under every network library it uses (masto,
 * @atproto/api, the OAuth clients, plain fetch), which all call the global fetch: the core wraps
 * it once.
 * - No answer is read past a size limit: a timeline page is a few hundred kB, and a server that
 *   sends 50 MB (by mistake or on purpose) must cost its account an error, not the app its memory.
 * - An error answered as an HTML page to a request that asked for JSON becomes a small JSON error
 *   marked `braid_error_page`, with the same status: masto cannot read an HTML error (it loses
 *   the status, so a 401 read as "unreachable" and a 422 as "may have been posted"), and every
 *   reader can now say "an error page (HTTP 422)" with the status that decides what it means.
 */
import { phrase, ServerError } from '../base/errors.ts';

/** The largest answer Braid reads. */
export const maxAnswerBytes = 16 * 1024 * 1024;

const tooLarge = (url: string, limit: number) =>
  new ServerError('server', phrase('error.tooLarge', { host: new URL(url).host, megabytes: Math.round(limit / 1024 / 1024) }));

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

const asksForJson = (input: Request | string | URL, init?: RequestInit) =>
  (new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined)).get('accept') ?? '').includes('json');

/** An HTML error page as a JSON error of the same status, saying what the page's title or heading said. */
async function errorPageAsJson(response: Response): Promise<Response> {
  const page = await response.text();
  const said = /<title[^>]*>([^<]{1,200})</i.exec(page)?.[1] ?? /<h1[^>]*>([^<]{1,200})</i.exec(page)?.[1] ?? '';
  const headers = new Headers(response.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding']) headers.delete(name);
  headers.set('content-type', 'application/json');
  const body = JSON.stringify({ error: said.trim() || `HTTP ${response.status}`, braid_error_page: true });
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

const wrapped = Symbol.for('braid.answerCap');
const original = Symbol.for('braid.answerCap.original');

type Wrapped = typeof fetch & { [wrapped]?: true; [original]?: typeof fetch };

/** The process's fetch without the cap: for the few downloads that are large by nature (a whole
 *  Bluesky repository) and set a limit of their own. */
export const uncappedFetch: typeof fetch = (input, init) => {
  const current = globalThis.fetch as Wrapped;
  return (current[original] ?? current)(input, init);
};

/** Wraps the process's fetch, once (a second core in the same process finds it done). */
export function capEveryAnswer(): void {
  const current = globalThis.fetch as Wrapped;
  if (current[wrapped]) return;
  const capping = (async (input: Request | string | URL, init?: RequestInit) => {
    const response = capped(await current(input, init), input instanceof Request ? input.url : String(input));
    const htmlError = !response.ok && (response.headers.get('content-type') ?? '').includes('html');
    return htmlError && asksForJson(input, init) ? errorPageAsJson(response) : response;
  }) as Wrapped;
  capping[wrapped] = true;
  capping[original] = current;
  globalThis.fetch = capping;
}
