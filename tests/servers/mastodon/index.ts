import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDistribution, type EditInput, type PostInput } from './distribution.ts';
import { generatedStatus } from './generated-statuses.ts';
import { routeNotFound, sendError } from './errors.ts';
import { BadRequestBody, readParams, type Ctx, type ServerContext } from './http.ts';
import { createMarkers } from './markers.ts';
import { createMediaFiles } from './media-files.ts';
import { createNotifications, type NotificationEntity } from './notifications.ts';
import { resolveOptions, type MastodonServerOptions } from './options.ts';
import { statusPage } from './pages.ts';
import { createPubSub } from './pubsub.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createRouter } from './router.ts';
import { apiRoutes } from './routes/api.ts';
import { appRoutes } from './routes/apps.ts';
import { authorizeRoutes } from './routes/authorize.ts';
import { markerRoutes } from './routes/markers.ts';
import { mediaRoutes } from './routes/media.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { scheduledStatusRoutes } from './routes/scheduled-statuses.ts';
import { searchRoutes } from './routes/search.ts';
import { accountRoutes } from './routes/accounts.ts';
import { pollRoutes } from './routes/polls.ts';
import { statusRoutes } from './routes/statuses.ts';
import { timelineRoutes } from './routes/timelines.ts';
import { tokenRoutes } from './routes/token.ts';
import { createSocial, type Actor } from './social.ts';
import { createState } from './state.ts';
import { createScheduled } from './scheduled.ts';
import { createRenderer, type StatusEntity } from './status-entities.ts';
import { createStreaming, isStreamingPath } from './streaming.ts';
import { createUploads } from './uploads.ts';

export type { MastodonServerOptions } from './options.ts';
export type { EditInput as MastodonEditInput, MediaFile as MastodonMediaFile, MediaInput as MastodonMediaInput, PostInput as MastodonPostInput } from './distribution.ts';
export type { NotificationEntity as MastodonNotification } from './notifications.ts';
export type { NotificationGroupEntity as MastodonNotificationGroup } from './notification-groups.ts';
export type { AccountEntity as MastodonAccount, MediaAttachmentEntity as MastodonMediaAttachment, StatusEntity as MastodonStatus } from './status-entities.ts';

export interface MastodonUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

/** An account of another server, known to this one. */
export interface MastodonRemoteAccount {
  id: string;
  username: string;
  domain: string;
  /** 'name@domain' */
  acct: string;
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
  /** Every request answered: path without its query, and the query (WebSocket upgrades with 101 when accepted). */
  requests: { method: string; path: string; query: URLSearchParams; status: number }[];
  counters(): { appsRegistered: number; tokensIssued: number; revocations: number };
  /** Until called with null, every /api/ request answers this HTTP status with an HTML page, as a failing proxy or a crashed server does. */
  simulateOutage(status: number | null): void;
  /**
   * Until called with null, the /api/ requests `match` picks answer `status` (their other routes as ever): an HTML page
   * with `html` (a proxy's error page, a web app's page for any path), else JSON `{ error }`.
   */
  failRequests(match: ((request: { method: string; path: string; query: URLSearchParams }) => boolean) | null, answer?: { status: number; html?: boolean }): void;
  /** Until called with [], query parameters with these names are dropped before a request is answered, as by a server that does not know them. */
  ignoreParams(names: string[]): void;
  /**
   * An account of another server ('name@other.example'), to follow and to post as: its statuses carry `uri`/`url` on
   * that domain, its media a `remote_url`, and its acct the domain.
   */
  addRemoteAccount(acct: string, input?: { displayName?: string; createdAt?: Date }): MastodonRemoteAccount;
  /**
   * Sets the profile of a local user or remote account: the note and up to 4 fields, as typed (plain text, rendered
   * like Mastodon does). A field with `verifiedAt` is one whose link the server verified; only a link can be.
   */
  setProfile(account: string, profile: { note?: string; fields?: { name: string; value: string; verifiedAt?: Date | null }[] }): void;
  /**
   * `follower` follows `followee` (usernames, or 'name@domain' for remote accounts), at `createdAt` (default now); the
   * followee's recent statuses join the follower's home feed, and a local followee is notified.
   */
  follow(follower: string, followee: string, createdAt?: Date): void;
  /** Hides (or shows again) whom the account follows and who follows it from everyone else (hide_collections). */
  setHideCollections(account: string, hide: boolean): void;
  /** Whether `follower` follows `followee` (usernames, or 'name@domain'). */
  isFollowing(follower: string, followee: string): boolean;
  /** Whether `account` mutes / blocks `target` (usernames, or 'name@domain'). */
  isMuting(account: string, target: string): boolean;
  isBlocking(account: string, target: string): boolean;
  /** `account` (a username, or 'name@domain') pins its status to its profile, refused as POST /api/v1/statuses/:id/pin refuses (another's status, a boost, a direct one, a sixth pin). */
  pin(account: string, statusId: string): void;
  /** `account` (a username, or 'name@domain') favourites the status (its original, for a reblog), notifying its author. */
  favourite(account: string, statusId: string, createdAt?: Date): StatusEntity;
  /** The user's notifications as GET /api/v1/notifications renders them, newest first. */
  notificationsOf(username: string): NotificationEntity[];
  /** The user's notifications marker (last_read_id), as any client of theirs reads and moves it. */
  notificationsMarkerOf(username: string): string | null;
  setNotificationsMarker(username: string, lastReadId: string): void;
  /**
   * Posts as a local user or a remote account, fanning out to home feeds and streams like Mastodon. Answers the status
   * as its author sees it (anonymously for a remote author).
   */
  post(author: string, input: PostInput): StatusEntity;
  /** `account` (a username, or 'name@domain') boosts the status, at `createdAt` (default now), fanning out like a post and notifying its author. */
  reblog(account: string, statusId: string, createdAt?: Date): StatusEntity;
  /** Edits a status (edited_at set, `status.update` streamed to the feeds holding it). */
  editStatus(id: string, input: EditInput): StatusEntity;
  /** Deletes a status and its reblogs (`delete` streamed to the feeds that held them). */
  deleteStatus(id: string): void;
  /** Restarts the streaming server (a separate process in Mastodon): every open stream is dropped; clients must reconnect. */
  restartStreaming(): void;
  /** The account's statuses, reblogs included, newest first. */
  statusesOf(account: string): StatusEntity[];
  /**
   * Gives a local user `count` generated statuses, one a minute from `from` on (default: `count` minutes ago), made
   * like posts (so ids and Link headers are as for any status) but cheaply: thousands take a moment. Varied as a real
   * history is: some in French (accents), some in Japanese, threads (replies to oneself), replies to others (when
   * `replyTo` names a status), pictures with descriptions, now and then a content warning. Answers the new ids,
   * oldest first.
   */
  seedStatuses(username: string, count: number, options?: { from?: Date; replyTo?: string }): string[];
  /** What the user favourited, most recent favourite first. */
  favouritesOf(username: string): StatusEntity[];
  /** The statuses the user reblogged (the originals, not the reblog wrappers), most recent reblog first. */
  reblogsOf(username: string): StatusEntity[];
  /** Ends the processing of an upload now (POST /api/v2/media answers 202 while it lasts; see `mediaProcessingMs`). */
  finishMedia(id: string): void;
  /** Publishes every scheduled status now, as if its time had come (Mastodon's scheduler); answers them as statuses. */
  publishScheduled(): StatusEntity[];
  /** The next `calls` API requests answer 429 Too many requests, with X-RateLimit-Reset `resetInMs` (default 60 s) from now. */
  rateLimitNext(calls: number, resetInMs?: number): void;
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
  let url = '';
  const baseUrl = () => url;
  const social = createSocial(state, baseUrl);
  const renderer = createRenderer(social, options, baseUrl);
  const pubsub = createPubSub();
  const notifications = createNotifications(social, renderer, pubsub, options);
  const markers = createMarkers();
  const actions = createDistribution(social, renderer, pubsub, baseUrl, notifications);
  const mediaFiles = createMediaFiles(baseUrl);
  const uploads = createUploads(() => social.nextId(), baseUrl, mediaFiles, options.mediaProcessingMs);
  const scheduled = createScheduled(uploads);
  const limiter = createRateLimiter(options.rateLimit);
  const context: ServerContext = { state, options, limiter, baseUrl, social, renderer, actions, uploads, scheduled, notifications, markers };
  const streaming = createStreaming(context, pubsub);
  const router = createRouter();
  appRoutes(router);
  authorizeRoutes(router);
  tokenRoutes(router);
  apiRoutes(router, options);
  timelineRoutes(router);
  statusRoutes(router);
  pollRoutes(router);
  mediaRoutes(router);
  scheduledStatusRoutes(router);
  searchRoutes(router);
  accountRoutes(router);
  notificationRoutes(router, options);
  markerRoutes(router);
  streaming.routes(router);

  const requests: MastodonTestServer['requests'] = [];
  let outage: number | null = null;
  let ignoredParams: string[] = [];
  let fault: { match: (request: { method: string; path: string; query: URLSearchParams }) => boolean; status: number; html: boolean } | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    res.on('finish', () => requests.push({ method, path: parsed.pathname, query: parsed.searchParams, status: res.statusCode }));
    if (mediaFiles.serve(method, parsed.pathname, res)) return;
    if (outage !== null && parsed.pathname.startsWith('/api/')) {
      res.writeHead(outage, { 'Content-Type': 'text/html; charset=utf-8' }).end(statusPage(outage, STATUS_CODES[outage] ?? 'Error', 'We are sorry, but something went wrong on our end.'));
      return;
    }
    if (fault && parsed.pathname.startsWith('/api/') && fault.match({ method, path: parsed.pathname, query: parsed.searchParams })) {
      const words = STATUS_CODES[fault.status] ?? 'Error';
      if (fault.html) res.writeHead(fault.status, { 'Content-Type': 'text/html; charset=utf-8' }).end(statusPage(fault.status, words, 'Something went wrong.'));
      else res.writeHead(fault.status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: words }));
      return;
    }
    // As a server that does not know these parameters: the request log keeps what was asked.
    const understood = ignoredParams.length === 0 ? parsed : new URL(parsed);
    for (const name of ignoredParams) understood.searchParams.delete(name);
    const ctx: Ctx = { req, res, url: understood, params: {}, input: {}, files: {}, server: context };
    try {
      ctx.input = await readParams(req, understood, ctx.files);
    } catch (error) {
      if (!(error instanceof BadRequestBody)) throw error;
      return sendError(ctx, 400, { error: 'Error occurred while parsing request parameters' });
    }
    if (parsed.pathname.startsWith('/api/') && !(options.streaming && isStreamingPath(parsed.pathname))) {
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
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const status = streaming.handleUpgrade(req, socket, head);
    const parsed = new URL(req.url ?? '/', url);
    requests.push({ method: req.method ?? 'GET', path: parsed.pathname, query: parsed.searchParams, status });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const viewOf = (actor: Actor) => (actor.domain === null ? actor.id : null);
  const localUser = (username: string): Actor => {
    const actor = social.requireAccount(username);
    if (actor.domain !== null) throw new Error(`${username} is not a user of this server`);
    return actor;
  };
  const existing = (id: string) => {
    const status = social.status(id);
    if (!status) throw new Error(`no status ${id}`);
    return status;
  };

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
    simulateOutage(status) {
      outage = status;
    },
    failRequests(match, { status = 500, html = false } = { status: 500 }) {
      fault = match ? { match, status, html } : null;
    },
    ignoreParams(names) {
      ignoredParams = [...names];
    },
    addRemoteAccount(acct, details) {
      const account = social.addRemoteAccount(acct, details);
      return { id: account.id, username: account.username, domain: account.domain ?? '', acct: social.acct(account), displayName: account.displayName };
    },
    setProfile(handle, { note = '', fields = [] }) {
      social.setProfile(social.requireAccount(handle).id, { note, fields: fields.map((field) => ({ ...field, verifiedAt: field.verifiedAt ?? null })) });
    },
    follow: (follower, followee, createdAt) => actions.follow(social.requireAccount(follower), social.requireAccount(followee), createdAt),
    setHideCollections: (handle, hide) => social.setHidesCollections(social.requireAccount(handle).id, hide),
    isFollowing: (follower, followee) => social.isFollowing(social.requireAccount(follower).id, social.requireAccount(followee).id),
    isMuting: (account, target) => social.relations.isMuting(social.requireAccount(account).id, social.requireAccount(target).id),
    isBlocking: (account, target) => social.relations.isBlocking(social.requireAccount(account).id, social.requireAccount(target).id),
    pin(account, statusId) {
      const status = existing(statusId);
      const refusal = social.pinRefusal(social.requireAccount(account).id, status);
      if (refusal) throw new Error(refusal);
      social.pin(status.id);
    },
    favourite(account, statusId, createdAt) {
      const actor = social.requireAccount(account);
      const status = existing(statusId);
      actions.favourite(actor.id, status, createdAt);
      return renderer.status(status, viewOf(actor));
    },
    notificationsOf: (username) => notifications.of(localUser(username).id).map(notifications.entity),
    notificationsMarkerOf: (username) => markers.get(localUser(username).id, 'notifications')?.lastReadId ?? null,
    setNotificationsMarker: (username, lastReadId) => void markers.set(localUser(username).id, 'notifications', lastReadId),
    post(author, details) {
      const status = actions.post(author, details);
      mediaFiles.remember(status, details.media);
      return renderer.status(status, viewOf(social.requireAccount(author)));
    },
    reblog(account, statusId, createdAt) {
      const booster = social.requireAccount(account);
      return renderer.status(actions.reblog(booster.id, existing(statusId), undefined, createdAt), viewOf(booster));
    },
    editStatus(id, details) {
      const status = actions.edit(existing(id), details);
      return renderer.status(status, social.actor(status.accountId)?.domain === null ? status.accountId : null);
    },
    deleteStatus: (id) => actions.remove(existing(id)),
    restartStreaming: () => streaming.dropConnections(),
    statusesOf(handle) {
      const actor = social.requireAccount(handle);
      return social.statusesBy(actor.id).map((s) => renderer.status(s, viewOf(actor)));
    },
    seedStatuses(username, count, { from = new Date(Date.now() - count * 60_000), replyTo } = {}) {
      localUser(username);
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const previous = ids.at(-1);
        const input = generatedStatus(i, {
          createdAt: new Date(from.getTime() + i * 60_000),
          ...(previous ? { previous } : {}),
          ...(replyTo ? { other: replyTo } : {}),
        });
        ids.push(actions.post(username, input).id);
      }
      return ids;
    },
    favouritesOf(username) {
      const user = localUser(username);
      return social.favouritedBy(user.id).map((s) => renderer.status(s, user.id));
    },
    reblogsOf(username) {
      const user = localUser(username);
      return social.statusesBy(user.id).flatMap((s) => social.status(s.reblogOfId) ?? []).map((s) => renderer.status(s, user.id));
    },
    finishMedia: (id) => uploads.finish(id),
    publishScheduled() {
      return scheduled.all().map((record) => {
        const attachments = record.mediaIds.flatMap((id) => uploads.get(id)?.record ?? []);
        scheduled.remove(record);
        const status = actions.post(record.username, { ...record.post, ...(attachments.length > 0 ? { attachments } : {}) });
        for (const id of record.mediaIds) {
          const upload = uploads.get(id);
          if (upload) upload.attachedTo = status.id;
        }
        return renderer.status(status, record.accountId);
      });
    },
    rateLimitNext: (calls, resetInMs = 60_000) => limiter.limitNext(calls, resetInMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        streaming.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
