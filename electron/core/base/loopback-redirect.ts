/**
 * The loopback redirect of a native app's OAuth sign-in (RFC 8252 §7.3): a one-shot listener
 * on 127.0.0.1 and a port the system picks. It takes the first GET /callback whose parameters
 * it `accepts` (the state of a pending flow; anything else gets a 400 and waiting goes on), runs
 * the completion (code exchange …), answers the browser with the outcome, and closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { phrase, ServerError } from './errors.ts';
import { securityHeaders } from './security.ts';

export type LoopbackRedirectUri = `http://127.0.0.1:${number}/callback`;

export interface LoopbackRedirect {
  redirectUri: LoopbackRedirectUri;
  /** Runs `complete` with the redirect's parameters; rejects on timeout or close(), or when it throws. */
  wait<T>(complete: (params: URLSearchParams) => Promise<T>): Promise<T>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${title}</h1><p>${text}</p></body></html>`;

export async function listenForRedirect(accepts: (params: URLSearchParams) => boolean, timeoutMs = 10 * 60_000): Promise<LoopbackRedirect> {
  let settle: { resolve(params: URLSearchParams): void; reject(error: Error): void } | undefined;
  const received = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }));
  received.catch(() => undefined); // a caller that never waits must not leave an unhandled rejection
  let completion: Promise<unknown> = received;

  const server = createServer((request, response) => {
    const answer = (status: number, title: string, text: string) =>
      response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page(title, text));
    let url: URL | null;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = null;
    }
    if (!url || url.pathname !== '/callback' || !accepts(url.searchParams)) {
      return void answer(400, 'Not this sign-in', 'Braid is not waiting for this page. Start signing in again from Braid.');
    }
    finish(url.searchParams);
    completion
      .then(
        () => answer(200, 'Signed in', 'Braid is signed in. You can close this tab and go back to Braid.'),
        () => answer(200, 'Not signed in', 'Braid could not complete the sign-in. Go back to Braid to see why.'),
      )
      .finally(() => server.close());
  });

  const finish = (outcome: URLSearchParams | Error) => {
    clearTimeout(timer);
    if (outcome instanceof URLSearchParams) return settle?.resolve(outcome);
    server.close();
    server.closeAllConnections();
    settle?.reject(outcome);
  };
  const timer = setTimeout(() => finish(new ServerError('network', phrase('error.signIn.pageTimedOut'))), timeoutMs);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    wait(complete) {
      const done = received.then(complete);
      completion = done;
      return done;
    },
    close: () => finish(new ServerError('invalid_input', phrase('error.signIn.cancelled'))),
  };
}

/** The OAuth error a server sent back to the redirect, in words. */
export function redirectError(params: URLSearchParams): ServerError | null {
  const error = params.get('error');
  if (!error) return null;
  return new ServerError(
    'invalid_input',
    error === 'access_denied' ? phrase('error.signIn.declined') : phrase('error.signIn.serverRefused', { reason: params.get('error_description') ?? error }),
  );
}
