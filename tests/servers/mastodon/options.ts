export interface MastodonServerOptions {
  /** Default true; false: GET /api/v2/instance is not routed (Mastodon < 4.0, some other servers). */
  v2Instance?: boolean;
  /** Default true (Mastodon >= 4.3): S256 PKCE and /.well-known/oauth-authorization-server. False: both absent. */
  pkce?: boolean;
  /** Default false; true: every error answers an HTML page instead of JSON. */
  htmlErrors?: boolean;
  /** Pleroma/Akkoma-like expiring tokens with refresh tokens (Mastodon's never expire). */
  expiringTokens?: { expiresIn: number };
  /** Default 500. */
  maxCharacters?: number;
  title?: string;
  /** Default true; false: /api/v1/streaming/* answers 404 and WebSocket upgrades are refused, as on servers without streaming. */
  streaming?: boolean;
  /** Default true; false: paginated answers carry no Link header, as some servers do. */
  linkHeaders?: boolean;
}

export interface ResolvedOptions {
  v2Instance: boolean;
  pkce: boolean;
  htmlErrors: boolean;
  /** Seconds, or null when tokens do not expire. */
  tokenLifetime: number | null;
  maxCharacters: number;
  title: string;
  streaming: boolean;
  linkHeaders: boolean;
  /** Reported in the instance entities; follows the features switched on. */
  version: string;
}

export function resolveOptions(options: MastodonServerOptions = {}): ResolvedOptions {
  const v2Instance = options.v2Instance ?? true;
  const pkce = options.pkce ?? true;
  return {
    v2Instance,
    pkce,
    htmlErrors: options.htmlErrors ?? false,
    tokenLifetime: options.expiringTokens?.expiresIn ?? null,
    maxCharacters: options.maxCharacters ?? 500,
    title: options.title ?? 'Braid Test Mastodon',
    streaming: options.streaming ?? true,
    linkHeaders: options.linkHeaders ?? true,
    version: !v2Instance ? '3.5.19' : pkce ? '4.4.0' : '4.2.10',
  };
}
