/**
 * Mastodon's streaming API: the user stream (the home timeline's new, edited and deleted
 * statuses) over one WebSocket at /api/v1/streaming?stream=user.
 *
 * The token goes in the Authorization header, which Mastodon's streaming server reads first, so
 * it never appears in a URL or a server's access log (browsers cannot set that header and use
 * Sec-WebSocket-Protocol; Node can). Built on `ws` rather than masto's streaming client: masto
 * hides why a connection failed (a 401 from a revoked token, a 404 from a server without
 * streaming) and retries on its own clock, and Braid needs both to decide between reconnecting,
 * polling and asking the user to sign in again.
 *
 * Events come as {stream, event, payload} with the entity as a JSON text in snake_case; masto's
 * own serializer turns it camelCase like its REST answers, so one post mapping serves both.
 */
import { SerializerNativeImpl } from 'masto/adapters/serializers/serializer-native-impl.js';
import { phrase } from '../../base/errors.ts';
import { WebSocket, type RawData } from 'ws';
import { z } from 'zod';
import { accountNotificationSchema, type AccountNotification } from '../../../../shared/domain/notification.ts';
import { notificationsFromList } from './notification-mapping.ts';
import { postSchema, type Post } from '../../../../shared/domain/post.ts';
import type { Timers } from '../../base/live-timing.ts';
import { mastoCall, mastoClient } from './account-api.ts';
import { postFromStatus } from './post-mapping.ts';

export type StreamEvent =
  | { kind: 'update'; post: Post }
  | { kind: 'status.update'; post: Post }
  | { kind: 'delete'; id: string }
  | { kind: 'notification'; notification: AccountNotification };

/** Why a stream ended (it never ends by itself otherwise). */
export type StreamEnd =
  /** It was open, then closed or went silent: a restart, a lost connection. */
  | { kind: 'closed' }
  /** The server refused the token (401). */
  | { kind: 'unauthorized' }
  /** The server answered, but not with a stream (404, an HTML page, an error frame). */
  | { kind: 'no_streaming'; reason: string }
  /** Nothing listens there (connection refused, unknown host). */
  | { kind: 'unreachable'; reason: string }
  /** Anything else: a timeout, a 5xx, a 429. */
  | { kind: 'failed'; reason: string };

export interface UserStreamOptions {
  /** From findStreamingUrl. */
  streamingUrl: string;
  accessToken: string;
  /** Whose home timeline this is: the posts' sighting. */
  accountId: string;
  /** The account's server (its origin's host): local authors' handles end with it. */
  serverHost: string;
  timers: Timers;
  pingMs: number;
  connectTimeoutMs: number;
  onOpen: () => void;
  onEvent: (event: StreamEvent) => void;
  /** Called once, unless close() came first. */
  onEnd: (end: StreamEnd) => void;
  log?: (message: string, error?: unknown) => void;
}

const v2Instance = z.looseObject({ configuration: z.looseObject({ urls: z.looseObject({ streaming: z.string() }) }) });
const v1Instance = z.looseObject({ urls: z.looseObject({ streamingApi: z.string() }) });

/** A ws(s) URL from what the server said; never plain ws for a server reached over https (the token would travel in clear). */
function asWebSocketBase(said: string, origin: string): URL | null {
  try {
    const url = new URL(said);
    if (url.protocol === 'http:' || url.protocol === 'https:') url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
    if (new URL(origin).protocol === 'https:' && url.protocol !== 'wss:') return null;
    return url;
  } catch {
    return null;
  }
}

/** Where the server streams: v2 configuration.urls.streaming, else v1 urls.streaming_api, else the server itself. */
export async function findStreamingUrl(origin: string): Promise<string> {
  const said =
    (await mastoCall(origin, phrase('error.what.serverDescription'), v2Instance, () => mastoClient(origin).v2.instance.fetch()).then((i) => i.configuration.urls.streaming, () => null)) ??
    (await mastoCall(origin, phrase('error.what.serverDescription'), v1Instance, () => mastoClient(origin).v1.instance.fetch()).then((i) => i.urls.streamingApi, () => null));
  const base = (said !== null ? asWebSocketBase(said, origin) : null) ?? asWebSocketBase(origin, origin)!;
  const url = new URL('/api/v1/streaming', base);
  url.searchParams.set('stream', 'user');
  return url.href;
}

const serializer = new SerializerNativeImpl();
const frameSchema = z.looseObject({ event: z.string().optional(), payload: z.unknown().optional(), error: z.unknown().optional() });

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** One frame as an event, or null for frames Braid does not use (filters_changed, announcements …). Throws when malformed. */
function eventOf(frame: z.infer<typeof frameSchema>, accountId: string, serverHost: string): StreamEvent | null {
  const { event, payload } = frame;
  if (event === 'delete') return { kind: 'delete', id: z.union([z.string(), z.number().transform(String)]).parse(payload) };
  if (event !== 'update' && event !== 'status.update' && event !== 'notification') return null;
  const entity: unknown = typeof payload === 'string' ? serializer.deserialize('json', payload) : serializer.deserialize('json', JSON.stringify(payload));
  if (event === 'notification') {
    const viewer = { accountId, ownId: accountId.slice(accountId.lastIndexOf(':') + 1), serverHost, now: new Date() };
    const [notification] = notificationsFromList([entity], viewer).notifications;
    if (!notification) throw new Error('a notification Braid cannot read');
    // Mastodon 4.3+ names the group it joins: the same id as the group read from /api/v2/notifications.
    const groupKey = z.looseObject({ groupKey: z.string().min(1) }).safeParse(entity).data?.groupKey;
    return { kind: 'notification', notification: accountNotificationSchema.parse(groupKey ? { ...notification, id: groupKey } : notification) };
  }
  return { kind: event, post: postSchema.parse(postFromStatus(entity, accountId, serverHost)) };
}

const refusedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Opens the user stream; close() ends it without calling onEnd. */
export function openUserStream(options: UserStreamOptions): { close(): void } {
  const { timers, serverHost, log = () => undefined } = options;
  const socket = new WebSocket(options.streamingUrl, {
    headers: { Authorization: `Bearer ${options.accessToken}` },
    handshakeTimeout: options.connectTimeoutMs,
  });
  let ended = false;
  let answered = true; // since the last ping
  let pinger: unknown = null;

  const end = (reason: StreamEnd) => {
    if (ended) return;
    ended = true;
    if (pinger !== null) timers.clearTimeout(pinger);
    socket.terminate();
    options.onEnd(reason);
  };

  const ping = () => {
    if (!answered) return end({ kind: 'closed' }); // silent: the connection is gone without a goodbye
    answered = false;
    socket.ping();
    pinger = timers.setTimeout(ping, options.pingMs);
  };

  socket.on('unexpected-response', (_request, response) => {
    const status = response.statusCode ?? 0;
    response.resume();
    if (status === 401) end({ kind: 'unauthorized' });
    else if (status === 429 || status >= 500) end({ kind: 'failed', reason: `HTTP ${status}` });
    else end({ kind: 'no_streaming', reason: `HTTP ${status}` });
  });
  socket.on('open', () => {
    if (ended) return;
    pinger = timers.setTimeout(ping, options.pingMs);
    options.onOpen();
  });
  socket.on('pong', () => (answered = true));
  socket.on('message', (data, isBinary) => {
    answered = true;
    if (ended || isBinary) return;
    let frame: z.infer<typeof frameSchema>;
    try {
      frame = frameSchema.parse(JSON.parse(textOf(data)));
    } catch {
      return log(`mastodon streaming: a frame Braid could not read on ${serverHost}`);
    }
    if (frame.error !== undefined) {
      const said = typeof frame.error === 'string' ? frame.error : JSON.stringify(frame.error);
      return end({ kind: 'no_streaming', reason: `the server said: ${said}` });
    }
    let event: StreamEvent | null;
    try {
      event = eventOf(frame, options.accountId, serverHost);
    } catch {
      return log(`mastodon streaming: dropped a ${frame.event ?? ''} event Braid could not read on ${serverHost}`);
    }
    if (event) options.onEvent(event);
  });
  socket.on('error', (error: Error & { code?: string }) => {
    if (error.code && refusedCodes.has(error.code)) end({ kind: 'unreachable', reason: error.code });
    else end({ kind: 'failed', reason: error.message });
  });
  socket.on('close', () => end({ kind: 'closed' }));

  return {
    close() {
      ended = true;
      if (pinger !== null) timers.clearTimeout(pinger);
      socket.terminate();
    },
  };
}
