/**
 * The rel="me" links of a person's own website: the accounts elsewhere the site says are its
 * owner's (<a rel="me" href> and <link rel="me" href>, rel a space-separated list). One page, read
 * guarded (http/guarded-get.ts): http(s) only, at most 3 redirects, 8 s for everything, only an
 * HTML answer, and no more than its first 512 kB parsed. By default only public addresses are
 * asked: a profile must not make Braid read the user's router or another machine of their network.
 * The check is made before each request and again on the address the socket connects to (a name
 * that answers a public address first and a private one next is still refused).
 * Every failure throws; find-people.ts takes it as no evidence.
 */
import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Parser } from 'htmlparser2';
import { Agent, fetch as undiciFetch } from 'undici';
import { httpUrl } from '../../../shared/text/links.ts';
import { checkedUrl, decoderFor, guardedGet, mimeTypeOf } from '../http/guarded-get.ts';

export interface RelMeOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** The addresses a host name stands for (default: the system's resolver). */
  resolve?: (host: string) => Promise<string[]>;
  /** Also read sites on this machine (127.0.0.0/8, ::1): for tests, whose sites run there. Other non-public addresses stay refused. */
  allowLoopback?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

const defaults = { timeoutMs: 8000, maxBytes: 512 * 1024, maxRedirects: 3 };

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

/** An IPv4 address mapped into IPv6 (::ffff:10.0.0.1) as the IPv4 address it is. */
const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/** Whether `address` (an IP address) may be asked for a page. */
export function mayRead(address: string, allowLoopback = false): boolean {
  const plain = unmapped(address);
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  if (allowLoopback && loopback.check(plain, family)) return true;
  return isIP(plain) !== 0 && !nonPublic.check(plain, family);
}

/** The system's lookup, refusing a name that stands for an address not public when the socket connects. */
function publicOnlyLookup(allowLoopback: boolean): LookupFunction {
  return (host, options, callback) => {
    lookupCallback(host, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = found.find((entry) => !mayRead(entry.address, allowLoopback));
      if (found.length === 0 || refused) {
        return callback(Object.assign(new Error(`${host} is not a public address`), { code: 'ENOTPUBLIC' }), '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };
}

const publicOnlyFetches = new Map<boolean, typeof fetch>();

/** fetch through connections whose addresses are checked as they connect (one pool for each policy). */
function publicOnlyFetch(allowLoopback: boolean): typeof fetch {
  let made = publicOnlyFetches.get(allowLoopback);
  if (!made) {
    const dispatcher = new Agent({ connect: { lookup: publicOnlyLookup(allowLoopback) } });
    made = ((input: URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
    publicOnlyFetches.set(allowLoopback, made);
  }
  return made;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true, verbatim: true })).map((found) => found.address);

/** The rel="me" links of the page at `url`, made absolute against the page's address (after redirects). */
export async function relMeLinks(url: string, options: RelMeOptions = {}): Promise<string[]> {
  const resolve = options.resolve ?? systemResolve;
  const checkHop = async (hop: URL) => {
    const host = hop.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await resolve(host);
    // Every address the name has: the one fetch would pick is not known here.
    if (addresses.length === 0 || !addresses.every((address) => mayRead(address, options.allowLoopback))) {
      throw new Error(`${hop.host} is not a public address`);
    }
  };
  const answer = await guardedGet(checkedUrl(url, { which: 'link', from: '' }), {
    accept: 'text/html',
    userAgent: 'Braid/1.0 (rel=me)',
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    maxRedirects: options.maxRedirects ?? defaults.maxRedirects,
    checkHop,
    fetch: options.fetch ?? publicOnlyFetch(options.allowLoopback ?? false),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (mimeTypeOf(answer.response) !== 'text/html') {
    await answer.discard();
    throw new Error(`${answer.url.host} answered ${mimeTypeOf(answer.response) || 'something unlabelled'}, not a page`);
  }
  const links = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'a' && name !== 'link') return;
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const href = attributes.href === undefined ? null : httpUrl(attributes.href, answer.url);
        if (rel.includes('me') && href) links.add(href.href);
      },
    },
    { decodeEntities: true },
  );
  const decoder = decoderFor(answer.response);
  for await (const chunk of answer.chunks(options.maxBytes ?? defaults.maxBytes)) parser.write(decoder.decode(chunk, { stream: true }));
  parser.end(decoder.decode());
  return [...links];
}
