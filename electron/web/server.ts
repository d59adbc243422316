/**
 * The browser host: the built renderer and the contract on 127.0.0.1, for machines without
 * Electron, CI and end-to-end tests. As closed as the Electron shell:
 * - a launch link works once, and only for a few minutes: it hands out the session cookie and
 *   redirects to "/" with the socket token in the fragment, which the page keeps in its own
 *   origin's storage (port included) and drops from the address bar;
 * - every request needs the session cookie; the socket needs the token too. Browsers send a
 *   127.0.0.1 cookie to every port of 127.0.0.1, so the cookie alone opens nothing: another
 *   local listener that receives it can fetch the page, which holds no token;
 * - Host must be our loopback address (DNS rebinding), and the socket's Origin our own origin;
 * - the same CSP and security headers as app:// (the demo's loopback picture origins aside).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Core } from '../core/core.ts';
import { securityHeadersFor } from '../core/base/security.ts';
import { resolveStaticFile } from '../core/static-files.ts';
import { isOwnHost, isOwnOrigin, newSecret, readCookie, sameSecret, sessionCookieName } from './auth.ts';
import { bridgeScriptPath, socketPath, socketTokenParam, type CallMessage, type DownMessage } from './protocol.ts';

const callMessageSchema: z.ZodType<CallMessage> = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown().optional(),
});

export interface BrowserHostOptions {
  core: Pick<Core, 'dispatch' | 'events'>;
  rendererDir: string;
  bridgeScript: string;
  port?: number;
  /** Plain-http loopback origins the CSP lets pictures come from (the demo's servers); default none. */
  imageOrigins?: readonly string[];
  /** The first launch link's secret; a fresh random one when left out. */
  secret?: string;
  /** How long a launch link can be used (default 10 minutes). */
  launchLinkTtlMs?: number;
  now?: () => number;
}

export interface BrowserHost {
  origin: string;
  /** The first link to open: it carries a one-time secret. */
  launchUrl: string;
  /** Another one-time link, for another browser or after the first expired. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

const maxMessageBytes = 8 * 1024 * 1024;
/** Where the renderer build puts the files it names by their content (Vite's assets folder). */
const hashedAssetsPath = '/assets/';

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { launchLinkTtlMs = 10 * 60_000, now = Date.now } = options;
  const securityHeaders = securityHeadersFor(options.imageOrigins);
  /** Unused launch secrets and until when each is good. */
  const launchSecrets = new Map<string, number>();
  const newLaunchSecret = (secret = newSecret()) => {
    launchSecrets.set(secret, now() + launchLinkTtlMs);
    return secret;
  };
  const firstSecret = newLaunchSecret(options.secret);
  const session = newSecret();
  const socketToken = newSecret();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  // Per port: two runs of Braid in one browser keep their own sessions.
  const cookieName = sessionCookieName(port);
  /** The launch secret, used up: true when it was good. */
  const useLaunchSecret = (given: string): boolean => {
    for (const [secret, until] of launchSecrets) {
      if (until < now()) launchSecrets.delete(secret);
      else if (sameSecret(given, secret)) return launchSecrets.delete(secret);
    }
    return false;
  };

  const refuse = (response: ServerResponse, status: number, text: string) => {
    response.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(text);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void serveHttp(request, response).catch(() => refuse(response, 500, 'Braid could not serve this file.'));
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnHost(request, host)) return refuse(response, 403, 'Wrong Host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', origin);

    const token = url.searchParams.get('token');
    if (token !== null) {
      if (!useLaunchSecret(token)) {
        return refuse(response, 401, 'This link was used already, has expired, or is not from this run of Braid: press Enter where Braid runs for a new one.');
      }
      response.writeHead(303, {
        ...securityHeaders,
        Location: `/#${socketTokenParam}=${socketToken}`,
        'Cache-Control': 'no-store',
        // Lax, not Strict: the launch link is usually opened from outside (a terminal, a file
        // page), and Strict would drop the cookie on that redirect. No GET changes anything.
        'Set-Cookie': `${cookieName}=${session}; HttpOnly; SameSite=Lax; Path=/`,
      });
      return void response.end();
    }
    if (!sameSecret(readCookie(request, cookieName), session)) {
      return refuse(response, 401, 'Open Braid with the link it printed when it started.');
    }

    if (url.pathname === bridgeScriptPath) return sendFile(response, options.bridgeScript, 'text/javascript; charset=utf-8');
    const file = resolveStaticFile(options.rendererDir, url.pathname);
    if (!file) return refuse(response, 404, 'Not found.');
    if (file.contentType.startsWith('text/html')) {
      // The page gets its bridge before the app's own module script runs; never the socket token.
      const html = await readFile(file.path, 'utf8');
      const withBridge = html.replace('<head>', `<head><script src="${bridgeScriptPath}"></script>`);
      return send(response, withBridge, file.contentType);
    }
    // The build names these files by their content: a name always holds the same code, so the
    // browser keeps them (and the code it compiled from them) instead of fetching them at each load.
    const named = url.pathname.startsWith(hashedAssetsPath) ? 'private, max-age=31536000, immutable' : 'no-store';
    return sendFile(response, file.path, file.contentType, named);
  }

  async function sendFile(response: ServerResponse, path: string, contentType: string, cacheControl = 'no-store') {
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch {
      return refuse(response, 404, 'Not found.');
    }
    send(response, body, contentType, cacheControl);
  }

  function send(response: ServerResponse, body: string | Buffer, contentType: string, cacheControl = 'no-store') {
    response.writeHead(200, { ...securityHeaders, 'Content-Type': contentType, 'Cache-Control': cacheControl });
    response.end(body);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy()); // Node drops its own listener once it hands the socket over
    let url: URL | null;
    try {
      url = new URL(request.url ?? '/', origin);
    } catch {
      url = null;
    }
    const status =
      !isOwnHost(request, host) || !isOwnOrigin(request, origin) ? 403
      : !sameSecret(readCookie(request, cookieName), session) || !sameSecret(url?.searchParams.get('token'), socketToken) ? 401
      : url?.pathname !== socketPath ? 404
      : 0;
    if (status !== 0) {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const send = (message: DownMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    const unsubscribe = options.core.events.subscribe((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate()); // an oversized or malformed frame: drop this socket only
    ws.on('message', (data, isBinary) => {
      if (isBinary || !Buffer.isBuffer(data)) return ws.close(1003, 'Text messages only');
      let call;
      try {
        call = callMessageSchema.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        return ws.close(1007, 'Not JSON');
      }
      if (!call.success) return ws.close(1007, 'Not a call');
      const { id, channel, payload } = call.data;
      void options.core.dispatch(channel, payload).then((result) => send({ type: 'result', id, result }));
    });
  }

  return {
    origin,
    launchUrl: `${origin}/?token=${firstSecret}`,
    newLaunchUrl: () => `${origin}/?token=${newLaunchSecret()}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
