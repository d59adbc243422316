import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeNotFound, sendError } from './errors.ts';
import { BadRequestBody, readParams, type Ctx, type ServerContext } from './http.ts';
import { resolveOptions, type MastodonServerOptions } from './options.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createRouter } from './router.ts';
import { apiRoutes } from './routes/api.ts';
import { appRoutes } from './routes/apps.ts';
import { authorizeRoutes } from './routes/authorize.ts';
import { tokenRoutes } from './routes/token.ts';
import { createState } from './state.ts';

export type { MastodonServerOptions } from './options.ts';

export interface MastodonUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

export interface MastodonTestServer {
  /** 'http://127.0.0.1:PORT' */
  url: string;
  addUser(input: { username: string; password: string; displayName?: string }): MastodonUser;
  /** As if the user revoked the app on the server's website (Settings → Authorized apps). */
  revokeTokensOf(username: string): void;
  /** Live access tokens of the user. */
  tokensOf(username: string): string[];
  /** Every client_secret, access token, refresh token and authorization code ever issued. */
  secrets(): string[];
  /** Every request answered, path without its query. */
  requests: { method: string; path: string; status: number }[];
  counters(): { appsRegistered: number; tokensIssued: number; revocations: number };
  close(): Promise<void>;
}

/** Rack::Attack counts only API paths, per token when one is presented, otherwise per client address. */
function rateLimitKey(req: IncomingMessage): string {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ? `token:${bearer}` : `ip:${req.socket.remoteAddress ?? ''}`;
}

export async function startMastodonServer(input: MastodonServerOptions = {}): Promise<MastodonTestServer> {
  const options = resolveOptions(input);
  const state = createState();
  const router = createRouter();
  appRoutes(router);
  authorizeRoutes(router);
  tokenRoutes(router);
  apiRoutes(router, options);

  let url = '';
  const context: ServerContext = { state, options, limiter: createRateLimiter(), baseUrl: () => url };
  const requests: MastodonTestServer['requests'] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    res.on('finish', () => requests.push({ method, path: parsed.pathname, status: res.statusCode }));
    const ctx: Ctx = { req, res, url: parsed, params: {}, input: {}, server: context };
    try {
      ctx.input = await readParams(req, parsed);
    } catch (error) {
      if (!(error instanceof BadRequestBody)) throw error;
      return sendError(ctx, 400, { error: 'Error occurred while parsing request parameters' });
    }
    if (parsed.pathname.startsWith('/api/')) {
      const limit = context.limiter.hit(rateLimitKey(req));
      for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
      if (limit.limited) return sendError(ctx, 429, { error: 'Too many requests' });
    }
    const route = router.match(method, parsed.pathname);
    if (!route) return routeNotFound(ctx);
    ctx.params = route.params;
    await route.handler(ctx);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('mastodon test server:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"Internal server error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    addUser(user) {
      const { id, username, password, displayName } = state.addUser(user);
      return { id, username, password, displayName };
    },
    revokeTokensOf: (username) => state.revokeUser(username),
    tokensOf: (username) => state.liveTokensOf(username),
    secrets: () => state.secrets(),
    counters: () => ({ ...state.counters }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
