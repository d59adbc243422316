/**
 * Links in server text: which hrefs Braid follows at all, and whether a link's visible text
 * shows a different host from where it really goes ("paypal.com" pointing at evil.example).
 */
import { withoutBidiControls } from './bidi.ts';

/** The href as a URL when it is http: or https:, else null (javascript:, data:, mailto:, garbage).
 *  A relative href is resolved against `base` when one is given. */
export function httpUrl(href: string, base?: string | URL): URL | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `candidate` as an http origin on this machine's loopback with an explicit port
 *  ("http://127.0.0.1:2583", "http://localhost:2584"), else null: no path, query, user or https. */
export function loopbackHttpOrigin(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  // The URL's own serialisation, never the text given: nothing else can ride along into a CSP.
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname) && url.port !== '' && bare ? url.origin : null;
}

/**
 * An image Braid may load: https only, as the pages' Content-Security-Policy allows (no plain
 * http fetches that anyone on the network could watch or change). `loopbackOrigins` admits plain
 * http from exactly those origins on this machine — the demo's local servers, which the core
 * names in app.info and the hosts' CSP allows; anything that is not a loopback origin is ignored.
 */
export function imageUrl(href: string | null, loopbackOrigins: readonly string[] = []): string | null {
  const url = href ? httpUrl(href) : null;
  if (!url) return null;
  if (url.protocol === 'https:') return url.href;
  const allowed = loopbackOrigins.includes(url.origin) && loopbackHttpOrigin(url.origin) !== null;
  return allowed && !url.username && !url.password ? url.href : null;
}

/** What the text shows and where the link really goes, both as normalised host names. */
export interface HostMismatch {
  shown: string;
  actual: string;
}

// Zero-width characters hide inside a host a reader sees as one word.
const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const scheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const ellipsis = /(?:\.{3}|…)$/;
const dottedQuad = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// Labels of letters, digits and hyphens (any script), then a top-level label of letters or xn--.
const domainName = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;
// A domain name cut short: the last label may be partial.
const domainNamePrefix = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]+$/iu;

/** A host name as URL normalises it (lower case, punycode), without a leading "www.". */
function normalisedHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host}`).hostname;
    return hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * The host a reader takes from a link text, or null when the text does not look like one
 * ("click here", "@alice", "#tag", "v1.2"). `truncated` is true when the host itself was cut
 * short with an ellipsis (Bluesky shortens long link texts to 30 characters).
 */
function shownHost(text: string): { host: string; truncated: boolean } | null {
  const visible = withoutBidiControls(text).replace(invisibleCharacters, '').trim();
  if (visible === '' || /^[@#]/.test(visible)) return null;
  const rest = visible.replace(scheme, '');
  // What a reader sees as the host: up to the path, query, port, user info or the first space.
  const candidate = /^[^/?#:@\s]*/.exec(rest)?.[0] ?? '';
  const truncated = ellipsis.test(candidate) && candidate.length === rest.length;
  const host = candidate.replace(ellipsis, '').replace(/\.+$/, '');
  const looksLikeHost = dottedQuad.test(host) || (truncated ? domainNamePrefix : domainName).test(host);
  if (!looksLikeHost) return null;
  const normalised = normalisedHost(host);
  return normalised ? { host: normalised, truncated } : null;
}

/**
 * Whether the link text shows a host other than the href's. A leading "www." is ignored on both
 * sides, and a link to a subdomain of the host shown is accepted (whoever owns the domain owns
 * its subdomains); the reverse ("blog.example.com" → example.com) is flagged. Text that shows
 * no host never mismatches; an href that is not http(s) is not a link Braid shows at all.
 */
export function linkHostMismatch(text: string, href: string): HostMismatch | null {
  const url = httpUrl(href);
  if (!url) return null;
  const shown = shownHost(text);
  if (!shown) return null;
  const actual = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  const matches = shown.truncated
    ? actual.startsWith(shown.host)
    : actual === shown.host || actual.endsWith(`.${shown.host}`);
  return matches ? null : { shown: shown.host, actual };
}
