/**
 * The loopback redirect of a native app's OAuth sign-in (RFC 8252 §7.3): a one-shot HTTP
 * listener on 127.0.0.1 and a port the system picks. It accepts only a redirect carrying the
 * `state` it waits for, answers the browser with a short page, and closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '../security.ts';
import { ServerError } from '../http/http-json.ts';

export interface LoopbackRedirect {
  /** e.g. http://127.0.0.1:53124/callback */
  redirectUri: string;
  /** The authorization code; rejects when the user or server refused, on timeout, or on close(). */
  code: Promise<string>;
  close(): void;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
  `<h1>${title}</h1><p>${text}</p></body></html>`;

export async function listenForRedirect(state: string, timeoutMs = 10 * 60_000): Promise<LoopbackRedirect> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined); // a caller that stops waiting must not leave an unhandled rejection

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, title: string, text: string) => {
      response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page(title, text));
    };
    if (url.pathname !== '/callback' || url.searchParams.get('state') !== state) {
      return answer(400, 'Not this sign-in', 'Braid is not waiting for this page. Start signing in again from Braid.');
    }
    const error = url.searchParams.get('error');
    const received = url.searchParams.get('code');
    if (error || !received) {
      answer(200, 'Sign-in cancelled', 'Braid was not given access. You can close this tab.');
      finish(new ServerError('invalid_input', error === 'access_denied' ? 'You declined access on the server’s page.' : `The server refused the sign-in (${error ?? 'no code'}).`));
    } else {
      answer(200, 'Signed in', 'Braid is signed in. You can close this tab and go back to Braid.');
      finish(received);
    }
  });

  const finish = (outcome: string | Error) => {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    if (typeof outcome === 'string') settle?.resolve(outcome);
    else settle?.reject(outcome);
  };
  const timer = setTimeout(
    () => finish(new ServerError('network', 'The sign-in page was not completed in time. Start again.')),
    timeoutMs,
  );
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    code,
    close: () => finish(new ServerError('invalid_input', 'Sign-in was cancelled.')),
  };
}
