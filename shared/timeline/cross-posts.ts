/**
 * A person's cross-post: the same words posted by the same person on Mastodon and on Bluesky,
 * within minutes, collapse into one timeline item with both networks. The rule, deliberately
 * strict (a wrong collapse hides a post; a missed one only shows it twice):
 *   1. one post on each network, neither of them a boost;
 *   2. the authors are known to be one person: linked in their profiles (the links are worked
 *      out in electron/core/timeline/identity-links.ts), or one is the other's bridged account
 *      (Bridgy Fed);
 *   3. created at most 10 minutes apart;
 *   4. the same text once links, mentions and thread markers are set aside (networks shorten
 *      links and write mentions differently), or one is the start of the other (a long
 *      Mastodon post split into a Bluesky thread), with at least 20 characters in common.
 */
import type { Author, Post } from '../domain/post.ts';
import { oncePerObject } from '../once-per-object.ts';
import { byTimelineOrder, sortTime } from './merge.ts';

export const crossPostWindowMs = 10 * 60_000;
const minimumSharedText = 20;

/** Two authors the user's own data says are one person (profile links), by Author.id. */
export type IdentityLinks = ReadonlyMap<string, ReadonlySet<string>>;

export interface TimelineItem {
  /** The post to show first (the newest) and its copies: a person's cross-post on the other
   *  network, or every account's copy of a post Braid sent together (sent-together.ts). */
  posts: Post[];
  sortAt: string;
  /** A post Braid sent together: the longest copy's number of parts (its later parts are folded in). */
  sent?: { parts: number };
}

/** Bridgy Fed: a Bluesky user on Mastodon is @handle@bsky.brid.gy; a Mastodon user on Bluesky is
 *  user.server.ap.brid.gy. The person's address on the other network, through the bridge. */
export function bridgedAddress(author: Pick<Author, 'network' | 'handle'>): { network: string; handle: string } | null {
  const handle = author.handle.toLowerCase().replace(/^@/, '');
  if (author.network === 'mastodon') {
    const [user, server] = handle.split('@');
    if (server === 'bsky.brid.gy' && user) return { network: 'bluesky', handle: user };
    return user && server ? { network: 'bluesky', handle: `${user}.${server}.ap.brid.gy` } : null;
  }
  if (author.network !== 'bluesky') return null;
  const bridged = /^(.+?)\.([^.]+\..+)\.ap\.brid\.gy$/.exec(handle);
  if (bridged) return { network: 'mastodon', handle: `${bridged[1]}@${bridged[2]}` };
  return { network: 'mastodon', handle: `${handle}@bsky.brid.gy` };
}

const bridgedCounterpart = oncePerObject((author: Author): string | null => {
  const address = bridgedAddress(author);
  return address ? `${address.network} ${address.handle}` : null;
});

const networkHandle = oncePerObject((author: Author) => `${author.network} ${author.handle.toLowerCase()}`);

export function sameIdentity(a: Author, b: Author, links: IdentityLinks): boolean {
  if (a.network === b.network) return false;
  if (links.get(a.id)?.has(b.id) || links.get(b.id)?.has(a.id)) return true;
  return bridgedCounterpart(a) === networkHandle(b) || bridgedCounterpart(b) === networkHandle(a);
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** &#233; or &#xE9; as its character; nonsense (&#a;, beyond U+10FFFF) as nothing. */
function fromCharacterReference(name: string): string {
  const hex = name[1] === 'x' || name[1] === 'X';
  const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/** Mastodon's HTML as plain text, for reading only (never for display): line breaks and paragraphs as spaces. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>\s*<p[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => (name.startsWith('#') ? fromCharacterReference(name) : (entities[name.toLowerCase()] ?? whole)));
}

/** The words of a post, for comparison only (never for display). */
export const comparableText = (post: Pick<Post, 'content'>): string => wordsOf(post.content);

/** Mastodon 4.5 starts a quote with <p class="quote-inline">RE: <link></p> for clients without quotes; the other copy embeds it. */
const quoteLine = /^\s*<p class="quote-inline">[\s\S]*?<\/p>/;

const wordsOf = oncePerObject((content: Post['content']): string => {
  const text = (content.kind === 'facets' ? content.text : textOfHtml(content.html.replace(quoteLine, '')))
    .normalize('NFC')
    .replace(/\bhttps?:\/\/\S+/gi, ' ') // links, full or shortened
    .replace(/\b[\w-]+(\.[\w-]+)+\/\S*/g, ' ') // link texts without a scheme: example.com/pa...
    .replace(/(^|\s)@[\w.@-]+/g, ' ') // mentions, written differently per network
    .replace(/\(?\b\d{1,2}\s*\/\s*\d{1,2}\)?\s*$/u, ' ') // a thread marker: 1/3, (2/3)
    .replace(/🧵/gu, ' ');
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
});

const createdTime = oncePerObject((post: Post) => Date.parse(post.createdAt));

function sameWords(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length < minimumSharedText) return shorter.length > 0 && shorter === longer;
  return longer.startsWith(shorter);
}

export function isCrossPost(a: Post, b: Post, links: IdentityLinks): boolean {
  return (
    a.network !== b.network &&
    a.boostedBy === null &&
    b.boostedBy === null &&
    Math.abs(createdTime(a) - createdTime(b)) <= crossPostWindowMs &&
    sameIdentity(a.author, b.author, links) &&
    sameWords(comparableText(a), comparableText(b))
  );
}

/** The item made for a post before (alone, or with its partner): the same posts give the same item object again. */
const itemsMade = new WeakMap<Post, TimelineItem>();

function itemOf(post: Post, partner: Post | undefined): TimelineItem {
  const made = itemsMade.get(post);
  if (made && made.posts[1] === partner) return made;
  const item = { posts: partner ? [post, partner] : [post], sortAt: post.sortAt };
  itemsMade.set(post, item);
  return item;
}

/** Posts (deduplicated) into timeline items, each cross-post collapsed into one item. */
export function collapseCrossPosts(posts: Post[], links: IdentityLinks): TimelineItem[] {
  const sorted = [...posts].sort(byTimelineOrder);
  const times = sorted.map(sortTime);
  const items: TimelineItem[] = [];
  const paired = new Set<Post>();
  for (let i = 0; i < sorted.length; i++) {
    const post = sorted[i]!;
    if (paired.has(post)) continue;
    let partner: Post | undefined;
    for (let j = i + 1; j < sorted.length; j++) {
      const other = sorted[j]!;
      if (times[i]! - times[j]! > crossPostWindowMs) break;
      if (!paired.has(other) && isCrossPost(post, other, links)) {
        partner = other;
        break;
      }
    }
    if (partner) paired.add(partner);
    items.push(itemOf(post, partner));
  }
  return items;
}
