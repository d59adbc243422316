/**
 * What a person's own profile says about their account on the other network, read conservatively
 * (a claim read wrongly can hide a post; one missed only shows a cross-post twice):
 * - a Mastodon profile (its fields and note, HTML) names a Bluesky account by a link to
 *   https://bsky.app/profile/<handle or DID>, by at://<DID>, or (only in a field whose name says
 *   Bluesky or bsky) by @handle text, or a field value that is nothing but a handle or DID;
 * - a Bluesky description (plain text) names a Mastodon account by its profile address
 *   https://server/@user or by @user@server.
 * A post's address (bsky.app/profile/x/post/y, server/@user/123) names a post, not an account.
 * Whether a claim makes a link is decided in identity-links.ts.
 */
import type { Network } from '../domain/account.ts';
import type { Author, IdentityClaim } from '../domain/post.ts';
import { textOfHtml } from './cross-posts.ts';
import { didPattern, handlePattern } from '../text/atproto-names.ts';

export interface MastodonProfileField {
  name: string;
  /** HTML. */
  value: string;
  /** When the server checked that the linked page links back (rel="me"); null when it did not. */
  verifiedAt: string | null;
}

export interface MastodonProfile {
  /** HTML. */
  note: string;
  fields: MastodonProfileField[];
}

// Mastodon writes `href="..."` with its values escaped, never `>` unescaped inside a tag.
const anchorPattern = /<a\b[^>]*>[\s\S]*?<\/a>/gi;
const hrefPattern = /\shref\s*=\s*"([^"]*)"/i;
const namesBluesky = /\b(bluesky|bsky)\b/i;
// Account::USERNAME_RE.
const mastodonUsername = /^[a-z0-9_]+([.-]+[a-z0-9_]+)*$/;

const hrefsIn = (html: string): string[] => [...html.matchAll(anchorPattern)].flatMap((anchor) => {
  const href = hrefPattern.exec(anchor[0])?.[1];
  return href ? [textOfHtml(href)] : [];
});

/** Words of the text outside links, without the punctuation that may close a sentence around them. */
const wordsOf = (text: string): string[] =>
  text
    .split(/\s+/)
    .map((word) => word.replace(/^[("'“‘[]+/u, '').replace(/[.,;:!?)"'”’\]]+$/u, ''))
    .filter(Boolean);

/** A DID as written, or a handle lowercased; null when it is neither. */
function blueskyAccount(value: string): string | null {
  if (value.startsWith('did:')) return didPattern.test(value) ? value : null;
  const handle = value.toLowerCase();
  return handlePattern.test(handle) ? handle : null;
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // a malformed %-escape
  }
}

function parsedUrl(text: string): URL | null {
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** https://bsky.app/profile/<handle or DID>, or at://<DID>, as the account it names. */
function blueskyAccountAt(address: string): string | null {
  const atUri = /^at:\/\/([^/?#]+)\/?$/i.exec(address);
  if (atUri) return atUri[1]!.startsWith('did:') ? blueskyAccount(atUri[1]!) : null;
  if (!/^(https?:\/\/)?bsky\.app\//i.test(address)) return null;
  const url = parsedUrl(address);
  const profile = url && !url.search ? /^\/profile\/([^/]+)\/?$/.exec(url.pathname) : null;
  const account = profile ? decoded(profile[1]!) : null;
  return account ? blueskyAccount(account) : null;
}

/** https://example.com/ (a site's root, no more) as the domain example.com. */
function domainAt(address: string): string | null {
  const url = parsedUrl(address);
  if (!url || url.search || url.hash || url.pathname !== '/' || url.port || /^bsky\.app$/i.test(url.hostname)) return null;
  return blueskyAccount(url.hostname);
}

/** https://server/@user (or server/@user@other, a remote account's page) as user@server, lowercased. */
function mastodonAccountAt(address: string): string | null {
  if (!/^(https?:\/\/)?[^/@\s]+\/@/i.test(address)) return null;
  const url = parsedUrl(address);
  if (!url || url.search || url.hash || !url.hostname.includes('.')) return null;
  const page = /^\/@([^/@]+)(?:@([^/@]+))?\/?$/.exec(url.pathname);
  if (!page) return null;
  const username = decoded(page[1]!)?.toLowerCase();
  const server = (page[2] ? decoded(page[2]) : url.host)?.toLowerCase();
  return username && server && mastodonUsername.test(username) && server.includes('.') ? `${username}@${server}` : null;
}

/** The account on `network` whose profile page `address` is (Bluesky: bsky.app/profile/<handle or DID>; Mastodon: server/@user), or null. */
export function accountAtPage(address: string, network: Network): string | null {
  if (network === 'bluesky') return blueskyAccountAt(address);
  return network === 'mastodon' ? mastodonAccountAt(address) : null;
}

/** @user@server as user@server, lowercased. */
function mastodonHandle(word: string): string | null {
  const handle = /^@([^@\s]+)@([^@\s]+)$/.exec(word.toLowerCase());
  if (!handle || !mastodonUsername.test(handle[1]!)) return null;
  return handlePattern.test(handle[2]!) ? `${handle[1]}@${handle[2]}` : null;
}

/** Claims, each account once; verified when any of its mentions was. */
function distinct(claims: IdentityClaim[]): IdentityClaim[] {
  const byAccount = new Map<string, IdentityClaim>();
  for (const claim of claims) {
    const key = `${claim.network} ${claim.account}`;
    const known = byAccount.get(key);
    byAccount.set(key, known ? { ...known, verified: known.verified || claim.verified } : claim);
  }
  return [...byAccount.values()];
}

const bluesky = (account: string | null, verified = false): IdentityClaim[] => (account ? [{ network: 'bluesky', account, verified }] : []);

/** The Bluesky accounts a Mastodon profile names as its owner's. */
export function claimsInMastodonProfile(profile: MastodonProfile): IdentityClaim[] {
  const claims: IdentityClaim[] = [];
  const readHtml = (html: string, aboutBluesky: boolean, verified: boolean) => {
    const hrefs = hrefsIn(html);
    // Mastodon verifies a field whose whole value is one link: only that link is verified.
    for (const href of hrefs) claims.push(...bluesky(blueskyAccountAt(href), verified && hrefs.length === 1));
    // A verified link to a site's root names that domain, which may be the person's Bluesky handle
    // (a domain handle is DNS-verified): a claim a lookup confirms or drops.
    if (verified && hrefs.length === 1) claims.push(...bluesky(domainAt(hrefs[0]!), true));
    const text = textOfHtml(html.replace(anchorPattern, ' ')).trim();
    const words = wordsOf(text);
    for (const word of words) {
      claims.push(...bluesky(blueskyAccountAt(word)));
      if (aboutBluesky && word.startsWith('@')) claims.push(...bluesky(blueskyAccount(word.slice(1))));
    }
    if (aboutBluesky && words.length === 1 && words[0] === text) claims.push(...bluesky(blueskyAccount(text)));
  };
  for (const field of profile.fields) readHtml(field.value, namesBluesky.test(field.name), Boolean(field.verifiedAt));
  readHtml(profile.note, false, false);
  return distinct(claims);
}

/** The Mastodon accounts a Bluesky profile description names as its owner's. */
export function claimsInBlueskyDescription(description: string): IdentityClaim[] {
  return distinct(
    wordsOf(description).flatMap((word): IdentityClaim[] => {
      const account = mastodonHandle(word) ?? mastodonAccountAt(word);
      return account ? [{ network: 'mastodon', account, verified: false }] : [];
    }),
  );
}

/** What a claim naming this author would say: its DID or handle (Bluesky), user@server by its handle or profile page (Mastodon). */
export function claimableNames(author: Author): Set<string> {
  if (author.network === 'bluesky') return new Set([author.id, author.handle.toLowerCase()]);
  const names = new Set([author.handle.toLowerCase()]);
  const byPage = author.profileUrl ? mastodonAccountAt(author.profileUrl) : null;
  if (byPage) names.add(byPage);
  return names;
}

export const isClaimOf = (claim: IdentityClaim, author: Author): boolean => claim.network === author.network && claimableNames(author).has(claim.account);
