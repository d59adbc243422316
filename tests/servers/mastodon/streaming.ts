/**
 * Mastodon's streaming server (streaming/index.js), on the same host: the WebSocket at /api/v1/streaming (multiplexed,
 * `stream` in the query or subscribe/unsubscribe messages), the older server-sent-event endpoints, and the health check.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Ctx, ServerContext } from './http.ts';
import type { PubSub, StreamEvent } from './pubsub.ts';
import type { Router } from './router.ts';
import { tokenStatus } from './state.ts';

interface StreamAccount {
  accountId: string;
  scopes: string[];
  accessToken: string;
}

class StreamError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

const unauthorized = (message: string) => new StreamError(message, 401);
const badRequest = (message: string) => new StreamError(message, 400);

const publicChannels = ['public', 'public:media', 'public:local', 'public:local:media', 'public:remote', 'public:remote:media', 'hashtag', 'hashtag:local'];

const pathChannels: Record<string, (onlyMedia: boolean) => string> = {
  '/api/v1/streaming/user': () => 'user',
  '/api/v1/streaming/user/notification': () => 'user:notification',
  '/api/v1/streaming/public': (media) => (media ? 'public:media' : 'public'),
  '/api/v1/streaming/public/local': (media) => (media ? 'public:local:media' : 'public:local'),
  '/api/v1/streaming/public/remote': (media) => (media ? 'public:remote:media' : 'public:remote'),
  '/api/v1/streaming/hashtag': () => 'hashtag',
  '/api/v1/streaming/hashtag/local': () => 'hashtag:local',
  '/api/v1/streaming/direct': () => 'direct',
  '/api/v1/streaming/list': () => 'list',
};

const falseValues = ['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF'];
const isTruthy = (value: string | null | undefined): boolean => !!value && !falseValues.includes(value);

/** streaming/utils.js normalizeHashtag. */
function normalizeHashtag(tag: string): string {
  return tag.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}_\u00b7\u200c]/gu, '');
}

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

interface StreamParams {
  tag?: unknown;
  list?: unknown;
  only_media?: unknown;
}

const param = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

export function createStreaming(server: ServerContext, pubsub: PubSub) {
  const wss = new WebSocketServer({ noServer: true });
  const closers = new Set<{ account: StreamAccount; close: () => void }>();

  /** accountFromRequest: the Authorization header, else `access_token`, else the Sec-WebSocket-Protocol header. */
  function accountFromRequest(req: IncomingMessage, url: URL): StreamAccount {
    const authorization = req.headers.authorization;
    const alternative = url.searchParams.get('access_token') || req.headers['sec-websocket-protocol'];
    if (!authorization && !alternative) throw unauthorized('Missing access token');
    const value = authorization ? authorization.replace(/^Bearer /, '') : (alternative ?? '');
    const token = server.state.tokenByAccess(value);
    // Only live tokens of users: app tokens have no account to stream for.
    if (!token || tokenStatus(token) !== 'live' || token.userId === null || !server.state.users.has(token.userId)) {
      throw unauthorized('Invalid access token');
    }
    return { accountId: token.userId, scopes: token.scopes, accessToken: token.accessToken };
  }

  function checkScopes(account: StreamAccount, channel: string): void {
    if (publicChannels.includes(channel)) return;
    const required = ['read', channel === 'user:notification' ? 'read:notifications' : 'read:statuses'];
    if (!required.some((scope) => account.scopes.includes(scope))) throw unauthorized('Access token does not have the required scopes');
  }

  function channelIds(account: StreamAccount, channel: string, params: StreamParams): string[] {
    const id = account.accountId;
    const tag = param(params.tag);
    switch (channel) {
      case 'user':
        return account.scopes.some((s) => s === 'read' || s === 'read:notifications') ? [`timeline:${id}`, `timeline:${id}:notifications`] : [`timeline:${id}`];
      case 'user:notification':
        return [`timeline:${id}:notifications`];
      case 'public':
      case 'public:local':
      case 'public:remote':
      case 'public:media':
      case 'public:local:media':
      case 'public:remote:media':
        return [`timeline:${channel}`];
      case 'direct':
        return [`timeline:direct:${id}`];
      case 'hashtag':
      case 'hashtag:local':
        if (!tag) throw badRequest('Missing tag name parameter');
        return [channel === 'hashtag' ? `timeline:hashtag:${normalizeHashtag(tag)}` : `timeline:hashtag:${normalizeHashtag(tag)}:local`];
      case 'list':
        if (!param(params.list)) throw badRequest('Missing list name parameter');
        // This server has no lists, so no list belongs to the user.
        throw unauthorized('Not authorized to stream this list');
      default:
        throw badRequest('Unknown stream type');
    }
  }

  function streamName(channel: string, params: StreamParams): string[] {
    const list = param(params.list);
    const tag = param(params.tag);
    if (channel === 'list' && list) return [channel, list];
    if ((channel === 'hashtag' || channel === 'hashtag:local') && tag) return [channel, tag];
    return [channel];
  }

  function subscribeAll(ids: string[], listener: (message: StreamEvent) => void): () => void {
    const stops = ids.map((id) => pubsub.subscribe(id, listener));
    return () => stops.forEach((stop) => stop());
  }

  function onConnection(ws: WebSocket, account: StreamAccount, url: URL): void {
    const subscriptions = new Map<string, () => void>();

    const sendError = (error: unknown) => {
      const known = error instanceof StreamError;
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ error: known ? error.message : 'An unexpected error occurred', status: known ? error.status : 500 }));
    };

    const subscribe = (channel: string, params: StreamParams) => {
      try {
        checkScopes(account, channel);
        const ids = channelIds(account, channel, params);
        const key = ids.join(';');
        if (subscriptions.has(key)) return;
        const stream = streamName(channel, params);
        subscriptions.set(key, subscribeAll(ids, ({ event, payload }) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ stream, event, payload }));
        }));
      } catch (error) {
        sendError(error);
      }
    };

    const unsubscribe = (channel: string, params: StreamParams) => {
      try {
        const key = channelIds(account, channel, params).join(';');
        subscriptions.get(key)?.();
        subscriptions.delete(key);
      } catch {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ error: 'Error unsubscribing from channel' }));
      }
    };

    const closer = { account, close: () => ws.close() };
    closers.add(closer);
    ws.on('close', () => {
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
      closers.delete(closer);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'The mastodon streaming server does not support binary messages');
        return;
      }
      let message: unknown;
      try {
        message = JSON.parse(rawText(data));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const { type, stream, ...params } = message as Record<string, unknown>;
      const channel = param(stream);
      if (!channel) return;
      if (type === 'subscribe') subscribe(channel, params);
      else if (type === 'unsubscribe') unsubscribe(channel, params);
    });

    const stream = url.searchParams.get('stream');
    if (stream) subscribe(stream, Object.fromEntries(url.searchParams));
  }

  /** Refusals are written by hand on the raw socket, as the streaming server does for failed upgrades. */
  function refuse(socket: Duplex, status: number, message: string): void {
    const headers = ['Connection: close', 'Content-Type: text/plain', 'Content-Length: 0', `X-Error-Message: ${message}`];
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headers.join('\r\n')}\r\n\r\n`);
    socket.once('finish', () => socket.destroy());
  }

  /** Answers the status the upgrade got: 101 when the WebSocket opens, else the refusal's. */
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): number {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', server.baseUrl());
    if (!server.options.streaming || !url.pathname.startsWith('/api/v1/streaming')) {
      refuse(socket, 404, 'Not Found');
      return 404;
    }
    let account: StreamAccount;
    try {
      account = accountFromRequest(req, url);
    } catch (error) {
      const known = error instanceof StreamError;
      refuse(socket, known ? error.status : 500, known ? error.message : 'An unexpected error occurred');
      return known ? error.status : 500;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, account, url));
    return 101;
  }

  function sendStreamError(res: ServerResponse, error: unknown): void {
    const known = error instanceof StreamError;
    res.writeHead(known ? error.status : 500, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end(JSON.stringify({ error: known ? error.message : 'An unexpected error occurred' }));
  }

  /** The server-sent-event endpoints: `:)` first, `:thump` every 15 seconds, then `event:`/`data:` pairs. */
  function eventSource(ctx: Ctx): void {
    const { req, res, url } = ctx;
    const channelFor = pathChannels[url.pathname];
    if (!channelFor) return sendStreamError(res, badRequest('Unknown channel requested'));
    const channel = channelFor(isTruthy(url.searchParams.get('only_media')));
    let ids: string[];
    let account: StreamAccount;
    try {
      account = accountFromRequest(req, url);
      checkScopes(account, channel);
      ids = channelIds(account, channel, Object.fromEntries(url.searchParams));
    } catch (error) {
      return sendStreamError(res, error);
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'Transfer-Encoding': 'chunked', 'Access-Control-Allow-Origin': '*' });
    res.write(':)\n');
    const heartbeat = setInterval(() => res.write(':thump\n'), 15_000);
    const stop = subscribeAll(ids, ({ event, payload }) => res.write(`event: ${event}\ndata: ${payload}\n\n`));
    const closer = { account, close: () => res.end() };
    closers.add(closer);
    res.on('close', () => {
      clearInterval(heartbeat);
      stop();
      closers.delete(closer);
    });
  }

  // Revoking a token kills its streams (Mastodon publishes `kill` on timeline:access_token:<id>).
  const watchdog = setInterval(() => {
    for (const closer of [...closers]) {
      const token = server.state.tokenByAccess(closer.account.accessToken);
      if (!token || tokenStatus(token) !== 'live') closer.close();
    }
  }, 250);
  watchdog.unref();

  return {
    routes(router: Router): void {
      if (!server.options.streaming) return;
      router.add('GET', '/api/v1/streaming/health', (ctx) => {
        ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
        ctx.res.end('OK');
      });
      router.add('GET', '/api/v1/streaming', (ctx) => sendStreamError(ctx.res, badRequest('Unknown channel requested')));
      for (const path of Object.keys(pathChannels)) router.add('GET', path, eventSource);
      router.add('GET', '/api/v1/streaming/:channel', eventSource);
    },
    handleUpgrade,
    /** As when Mastodon's streaming process restarts (it runs apart from the web process): every open stream drops. */
    dropConnections(): void {
      for (const client of wss.clients) client.terminate();
      for (const closer of [...closers]) closer.close();
    },
    /** Upgraded sockets are no longer the HTTP server's: they are closed here. */
    close(): void {
      clearInterval(watchdog);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

export type Streaming = ReturnType<typeof createStreaming>;

/** Whether a path belongs to the streaming server (which Rack::Attack never sees). */
export function isStreamingPath(pathname: string): boolean {
  return pathname === '/api/v1/streaming' || pathname.startsWith('/api/v1/streaming/');
}
