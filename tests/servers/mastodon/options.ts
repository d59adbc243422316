import { defaultRateLimit, type RateLimitSettings } from './rate-limit.ts';

export interface MastodonServerOptions {
  /** Default true; false: GET /api/v2/instance is not routed (Mastodon < 4.0, some other servers). */
  v2Instance?: boolean;
  /** Default true (Mastodon >= 4.3): S256 PKCE and /.well-known/oauth-authorization-server. False: both absent. */
  pkce?: boolean;
  /** Default false; true: every error answers an HTML page instead of JSON; 'unless-json-asked': only
   *  requests that ask for JSON (Accept) get JSON errors, as some servers do. */
  htmlErrors?: boolean | 'unless-json-asked';
  /** Default false; true: a URL counts with its full length, whatever characters_reserved_per_url says. */
  countUrlsInFull?: boolean;
  /** Default 'mastodon'. 'gotosocial': reports itself as GoToSocial does (version 3.5.3+<own>, its
   *  source_url, characters_reserved_per_url 25), counts every character as written (links and
   *  mentions in full, code points) against 5000 by default, and refuses with its own words. */
  flavour?: 'mastodon' | 'gotosocial';
  /** Pleroma/Akkoma-like expiring tokens with refresh tokens (Mastodon's never expire). */
  expiringTokens?: { expiresIn: number };
  /** Default 500. */
  maxCharacters?: number;
  title?: string;
  /** Default true; false: /api/v1/streaming/* answers 404 and WebSocket upgrades are refused, as on servers without streaming. */
  streaming?: boolean;
  /** Default true; false: paginated answers carry no Link header, as some servers do. */
  linkHeaders?: boolean;
  /** How long an upload (POST /api/v2/media) stays processing, in ms. Default 50; 0: ready at once (200 with its url). */
  mediaProcessingMs?: number;
  /** Bytes; uploads of this size or more are refused with 422 (Paperclip's `less_than`). Default 16 MiB, as Mastodon. */
  imageSizeLimit?: number;
  /** Bytes, for video, gifv and audio uploads. Default 99 MiB, as Mastodon. */
  videoSizeLimit?: number;
  /** The API budget per token (per IP without one). Default 300 per 5 minutes, as Mastodon. */
  rateLimit?: RateLimitSettings;
  /** Default false; true: an app's redirect_uris is kept as ONE URI, newlines and all (as a widely used
   *  Mastodon-API server does), so that an app registered with two fails at authorization. */
  redirectUrisAsOne?: boolean;
  /** Default true: Mastodon 4.5 (API version 7), which takes quoted_status_id when posting. False: 4.4, which shows quotes but cannot make them. */
  quotes?: boolean;
  /** Default true (Mastodon >= 4.3): GET /api/v2/notifications (grouped) and the unread counts. False (older Mastodon,
   *  GoToSocial, and whenever `pkce` or `v2Instance` is off): those answer 404, leaving /api/v1/notifications. */
  groupedNotifications?: boolean;
}

export interface ResolvedOptions {
  v2Instance: boolean;
  pkce: boolean;
  htmlErrors: boolean | 'unless-json-asked';
  countUrlsInFull: boolean;
  flavour: 'mastodon' | 'gotosocial';
  /** Seconds, or null when tokens do not expire. */
  tokenLifetime: number | null;
  maxCharacters: number;
  title: string;
  streaming: boolean;
  linkHeaders: boolean;
  mediaProcessingMs: number;
  imageSizeLimit: number;
  videoSizeLimit: number;
  rateLimit: RateLimitSettings;
  redirectUrisAsOne: boolean;
  quotes: boolean;
  groupedNotifications: boolean;
  /** Reported in the instance entities; follows the features switched on. */
  version: string;
}

export function resolveOptions(options: MastodonServerOptions = {}): ResolvedOptions {
  const v2Instance = options.v2Instance ?? true;
  const pkce = options.pkce ?? true;
  const flavour = options.flavour ?? 'mastodon';
  const quotes = (options.quotes ?? true) && flavour === 'mastodon' && v2Instance && pkce;
  return {
    v2Instance,
    pkce,
    htmlErrors: options.htmlErrors ?? false,
    countUrlsInFull: options.countUrlsInFull ?? flavour === 'gotosocial',
    flavour,
    tokenLifetime: options.expiringTokens?.expiresIn ?? null,
    maxCharacters: options.maxCharacters ?? (flavour === 'gotosocial' ? 5000 : 500),
    title: options.title ?? 'Braid Test Mastodon',
    streaming: options.streaming ?? true,
    linkHeaders: options.linkHeaders ?? true,
    mediaProcessingMs: options.mediaProcessingMs ?? 50,
    redirectUrisAsOne: options.redirectUrisAsOne ?? false,
    quotes,
    groupedNotifications: (options.groupedNotifications ?? true) && flavour === 'mastodon' && v2Instance && pkce,
    imageSizeLimit: options.imageSizeLimit ?? 16_777_216,
    videoSizeLimit: options.videoSizeLimit ?? 103_809_024,
    rateLimit: options.rateLimit ?? defaultRateLimit,
    version: flavour === 'gotosocial' ? '3.5.3+0.17.3' : !v2Instance ? '3.5.19' : quotes ? '4.5.0' : pkce ? '4.4.0' : '4.2.10',
  };
}
