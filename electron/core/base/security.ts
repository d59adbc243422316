import { loopbackHttpOrigin } from '../../../shared/text/links.ts';

/**
 * The Content-Security-Policy of every Braid page, in both hosts. Scripts and styles only from
 * the app itself; images and media from https (posts' pictures), blob: and data: (previews);
 * connections only to the page's own origin (the browser host's socket) and to Bluesky's video
 * service, whose HLS playlists and segments hls.js fetches (blueskyVideoOrigins).
 *
 * `imageOrigins`: plain-http loopback origins pictures may also come from — only the demo's local
 * servers (BRAID_DEMO_IMAGE_ORIGINS, read by the browser host the demo runs), which serve http;
 * their videos too (a local Bluesky app view's HLS playlists are fetched). Anything else is refused: real servers stay https-only, and the Electron host never passes any.
 */
/** Where Bluesky's app view points its video playlists (app.bsky.embed.video#view). */
export const blueskyVideoOrigins = ['https://video.bsky.app', 'https://video.cdn.bsky.app'] as const;

export function contentSecurityPolicyFor(imageOrigins: readonly string[] = []): string {
  const extra = imageOrigins.map((origin) => {
    const exact = loopbackHttpOrigin(origin);
    if (!exact) throw new Error(`Not a loopback http origin: ${origin}`);
    return ` ${exact}`;
  });
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' https: blob: data:${extra.join('')}`,
    `media-src 'self' https: blob:${extra.join('')}`,
    "font-src 'self'",
    `connect-src 'self' ${blueskyVideoOrigins.join(' ')}${extra.join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
  ].join('; ');
}

/** The policy of a Braid with no demo servers: what every real run serves. */
export const contentSecurityPolicy = contentSecurityPolicyFor();

/** Headers every page and asset carries, in both hosts (with the demo's image origins, if any). */
export function securityHeadersFor(imageOrigins: readonly string[] = []): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicyFor(imageOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

export const securityHeaders = securityHeadersFor();

/**
 * The demo's picture origins from BRAID_DEMO_IMAGE_ORIGINS (separated by commas or spaces):
 * `npm run demo` sets it for its local servers, which serve http. Every entry must be an http
 * origin on 127.0.0.1, localhost or [::1] with a port; anything else stops the host with an
 * error rather than loosening the policy for a real server.
 */
export function demoImageOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const entries = (env.BRAID_DEMO_IMAGE_ORIGINS ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
  return [
    ...new Set(
      entries.map((entry) => {
        const origin = loopbackHttpOrigin(entry);
        if (!origin) throw new Error(`BRAID_DEMO_IMAGE_ORIGINS: "${entry}" is not an http origin on this machine (http://127.0.0.1:PORT or http://localhost:PORT)`);
        return origin;
      }),
    ),
  ];
}

/** Only http(s) URLs may leave the app for the system browser; anything else is refused. */
export function externalUrl(candidate: string): URL | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  return url;
}
