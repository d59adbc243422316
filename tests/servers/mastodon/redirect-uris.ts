// Redirect URI rules of Doorkeeper (RedirectUriValidator at registration, URIChecker at authorization).

export const oobUri = 'urn:ietf:wg:oauth:2.0:oob';
const oobUris = [oobUri, `${oobUri}:auto`];

interface Parsed {
  scheme: string | undefined;
  authority: string | undefined;
  host: string | undefined;
  path: string;
  query: string | undefined;
  fragment: string | undefined;
}

// RFC 3986 appendix B, as Ruby's URI splits a reference; characters its parser refuses make the URI invalid.
const reference = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
const refused = /[\s<>"{}|\\^`]/;

function parse(uri: string): Parsed | undefined {
  if (refused.test(uri) || [...uri].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return undefined;
  const m = reference.exec(uri);
  if (!m) return undefined;
  const authority = m[2];
  const host = authority?.replace(/^[^@]*@/, '').replace(/:\d*$/, '') || undefined;
  return { scheme: m[1]?.toLowerCase(), authority, host, path: m[3] ?? '', query: m[4], fragment: m[5] };
}

function opaque(p: Parsed): boolean {
  return p.scheme !== undefined && p.authority === undefined && p.path !== '' && !p.path.startsWith('/');
}

/** The reason a registered redirect URI is refused, worded as in Doorkeeper's locale, or undefined when fine. */
export function redirectUriProblem(uri: string): string | undefined {
  if (oobUris.includes(uri)) return undefined;
  const p = parse(uri);
  if (!p) return 'must be a valid URI.';
  if (['data', 'vbscript', 'javascript'].includes(p.scheme ?? '')) return 'is forbidden by the server.';
  if (p.fragment !== undefined) return 'cannot contain a fragment.';
  if (opaque(p) || p.scheme === 'localhost') return 'must specify a scheme.';
  if (p.scheme === undefined && p.host === undefined) return 'must be an absolute URI.';
  return undefined;
}

export function isOob(uri: string): boolean {
  return oobUris.includes(uri);
}

function loopback(p: Parsed): boolean {
  return p.host !== undefined && (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(p.host) || p.host === '[::1]');
}

function withoutPort(p: Parsed): string {
  const authority = p.authority?.replace(/:\d*$/, '');
  return `${p.scheme}://${authority}${p.path}?${p.query ?? ''}#${p.fragment ?? ''}`;
}

/** RFC 8252 §7.3, as Doorkeeper applies it: on loopback IP literals (not "localhost") the port may differ. */
function matches(requested: string, registered: string): boolean {
  if (requested === registered) return true;
  const a = parse(requested);
  const b = parse(registered);
  if (!a || !b || !loopback(a) || !loopback(b)) return false;
  return withoutPort(a) === withoutPort(b);
}

function usable(uri: string): boolean {
  if (isOob(uri)) return true;
  const p = parse(uri);
  if (!p || p.scheme === undefined || p.scheme === 'localhost' || p.fragment !== undefined || opaque(p)) return false;
  return !((p.scheme === 'http' || p.scheme === 'https') && p.host === undefined);
}

export function redirectUriAllowed(requested: string, registered: readonly string[]): boolean {
  return usable(requested) && registered.some((r) => matches(requested, r));
}

/** Adds query parameters to a redirect URI (which never has a fragment), keeping any query it already has. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  return `${uri}${uri.includes('?') ? '&' : '?'}${query.toString()}`;
}
