/**
 * The timeline's items from every account's feed (merged, deduplicated, what Braid sent together
 * gathered, cross-posts collapsed), worked out again only where they can have changed.
 *
 * A refresh puts a few posts on top of feeds that may hold 20,000. So each full working-out
 * freezes what lies below the newest `headSize` posts (the tail): its items, and what the head
 * needs to know of it. The next time, when every feed still ends with the very posts it ended
 * with then (the same objects: posts are never changed in place) and nothing the tail depends on
 * changed (accounts, the frontier, identity links, the sent parts, which tail posts the head's
 * cross-posts take), only the head is worked out and the frozen tail items follow it as they
 * were. Anything else (an older page, an edit or a deletion below the head, new links) works it
 * all out again, which freezes a new tail. The result is always what the full working-out gives:
 * tests/unit/timeline-items.test.ts compares the two over random histories.
 */
import { postKey, type Post } from '../domain/post.ts';
import { collapseCrossPosts, crossPostWindowMs, type IdentityLinks, type TimelineItem } from './cross-posts.ts';
import { byTimelineOrder, dedupe, mergeTimelines, sortTime, type AccountTimeline } from './merge.ts';
import { gatherSentTogether, sentPartKey, type SentParts } from './sent-together.ts';

export interface TimelineItemsDeps {
  /** The identity links among the authors of these posts and of those passed before (the same object while they hold). */
  links: (posts: readonly Post[]) => IdentityLinks;
  /** What Braid sent together (the same object while it holds). */
  sentParts: () => SentParts;
  /** How many of the newest posts are worked out every time; the rest is frozen. */
  headSize?: number;
}

export interface WorkedOutItems {
  items: TimelineItem[];
  /** Whether the post with this key is shown (in some item). */
  shows: (key: string) => boolean;
}

interface FrozenFeed {
  /** The feed's tail: its posts below the boundary at the freeze, and how many were above. */
  tail: readonly Post[];
  start: number;
  oldest: Post | undefined;
  done: boolean;
  /** Shown tail posts combined with a head post of the same key. */
  absorbed: Post[];
}

interface Frozen {
  /** Every tail post is older than this; every head post at least this new. */
  boundary: number;
  accounts: string;
  feeds: Map<string, FrozenFeed>;
  links: IdentityLinks;
  sent: SentParts;
  items: TimelineItem[];
  /** Keys of the posts in the feeds' tails: a head post with one of them would be combined with it. */
  keys: Set<string>;
  absorbed: Set<string>;
  shows: (key: string) => boolean;
  /** Drafts (sent-together groups) with a part in the tail. */
  groups: Set<string>;
  /** The tail posts close enough below the boundary to be a head post's cross-post, newest first, and those the head took. */
  fringe: Post[];
  taken: Set<Post>;
}

const groupOf = (post: Post, sent: SentParts) =>
  post.boostedBy === null ? post.seenBy.map((s) => sent.get(sentPartKey(s.accountId, s.nativeId))?.group).find((group) => group !== undefined) : undefined;

/** Posts, newest first, as items: what Braid sent together once, people's cross-posts collapsed. */
function itemsOf(posts: Post[], links: IdentityLinks, sentParts: SentParts, fringe: Post[] = []): { items: TimelineItem[]; rest: Post[] } {
  const { items: sent, rest } = gatherSentTogether(posts, sentParts);
  const items = collapseCrossPosts([...rest, ...fringe], links);
  if (sent.length === 0) return { items, rest };
  items.push(...sent.map(({ posts: copies, sortAt, parts }) => ({ posts: copies, sortAt, sent: { parts } })));
  return { items: items.sort((a, b) => byTimelineOrder(a.posts[0]!, b.posts[0]!)), rest };
}

const showing = (items: readonly TimelineItem[]) => {
  let keys: Set<string> | undefined;
  return (key: string) => (keys ??= new Set(items.flatMap((item) => item.posts.map(postKey)))).has(key);
};

export function createTimelineItems({ links, sentParts, headSize = 500 }: TimelineItemsDeps) {
  let frozen: Frozen | null = null;

  function full(parts: AccountTimeline[]): WorkedOutItems {
    const merged = mergeTimelines(parts);
    const posts = merged.posts;
    const linksNow = links(posts);
    const sent = sentParts();
    const { items, rest } = itemsOf(posts, linksNow, sent);
    frozen = freeze(parts, posts, merged.frontier === null ? -Infinity : Date.parse(merged.frontier), items, rest, linksNow, sent);
    return { items, shows: showing(items) };
  }

  /** What of this working-out can be kept, or null when nothing can (too short, or no clean cut). */
  function freeze(parts: AccountTimeline[], posts: Post[], frontier: number, items: TimelineItem[], rest: Post[], linksNow: IdentityLinks, sent: SentParts): Frozen | null {
    if (posts.length <= headSize * 2) return null;
    const boundary = sortTime(posts[headSize]!);
    const feeds = new Map<string, FrozenFeed>();
    for (const part of parts) {
      const start = part.posts.findIndex((post) => sortTime(post) < boundary);
      const cut = start < 0 ? part.posts.length : start;
      // A feed out of time order across the boundary has no clean cut.
      if (part.posts.slice(cut).some((post) => sortTime(post) >= boundary)) return null;
      feeds.set(part.accountId, { tail: part.posts.slice(cut), start: cut, oldest: part.posts.at(-1), done: part.done, absorbed: [] });
    }
    // A post in a feed's tail that is also in a head (a boost of an old post) was combined into the head's post: the head takes it along.
    const keys = new Set([...feeds.values()].flatMap((feed) => feed.tail.map(postKey)));
    const headKeys = new Set(parts.flatMap((part) => part.posts.slice(0, feeds.get(part.accountId)!.start).map(postKey)));
    for (const part of parts) {
      const feed = feeds.get(part.accountId)!;
      feed.absorbed = feed.tail.filter((post) => headKeys.has(postKey(post)) && sortTime(post) >= frontier);
    }
    const firstTail = items.findIndex((item) => sortTime(item.posts[0]!) < boundary);
    if (firstTail < 0) return null;
    const headItems = items.slice(0, firstTail);
    const tailPosts = posts.filter((post) => sortTime(post) < boundary);
    const groups = new Set(tailPosts.map((post) => groupOf(post, sent)).filter((group) => group !== undefined));
    if (posts.some((post) => sortTime(post) >= boundary && groups.has(groupOf(post, sent)!))) return null; // a draft across the boundary
    const fringe = rest.filter((post) => sortTime(post) < boundary && sortTime(post) >= boundary - crossPostWindowMs).sort(byTimelineOrder);
    const taken = new Set(headItems.flatMap((item) => item.posts.filter((post) => sortTime(post) < boundary)));
    if ([...taken].some((post) => !fringe.includes(post))) return null; // a sent-together copy across the boundary
    return {
      boundary,
      accounts: parts.map((part) => part.accountId).join('\n'),
      feeds,
      links: linksNow,
      sent,
      items: items.slice(firstTail),
      keys,
      absorbed: new Set([...feeds.values()].flatMap((feed) => feed.absorbed.map(postKey))),
      shows: showing(items.slice(firstTail)),
      groups,
      fringe,
      taken,
    };
  }

  /** The items from the head and the frozen tail, or null when the tail cannot be kept. */
  function fromHead(parts: AccountTimeline[], tail: Frozen): WorkedOutItems | null {
    if (parts.map((part) => part.accountId).join('\n') !== tail.accounts) return null;
    const head: Post[] = [];
    for (const part of parts) {
      const feed = tail.feeds.get(part.accountId)!;
      const cut = part.posts.length - feed.tail.length;
      // The frontier depends on each feed's oldest post and whether it is done; the tail on every post in it.
      if (feed.done !== part.done || cut < 0 || part.posts.at(-1) !== feed.oldest) return null;
      for (let i = 0; i < feed.tail.length; i++) if (part.posts[cut + i] !== feed.tail[i]) return null;
      head.push(...part.posts.slice(0, cut), ...feed.absorbed);
    }
    if (head.length > headSize * 3) return null; // time for a new freeze
    const posts = dedupe(head).sort(byTimelineOrder);
    // A tail post no longer absorbed (its head copy gone) falls below the boundary; a head post with a key from the tail joins a tail post.
    if (posts.some((post) => sortTime(post) < tail.boundary || (tail.keys.has(postKey(post)) && !tail.absorbed.has(postKey(post))))) return null;
    if (links(posts) !== tail.links || sentParts() !== tail.sent) return null;
    if (posts.some((post) => tail.groups.has(groupOf(post, tail.sent)!))) return null;
    const headItems = itemsOf(posts, tail.links, tail.sent, tail.fringe).items.filter((item) => sortTime(item.posts[0]!) >= tail.boundary);
    const taken = headItems.flatMap((item) => item.posts.filter((post) => sortTime(post) < tail.boundary));
    if (taken.length !== tail.taken.size || taken.some((post) => !tail.taken.has(post))) return null;
    const showsHead = showing(headItems);
    return { items: [...headItems, ...tail.items], shows: (key) => showsHead(key) || tail.shows(key) };
  }

  return {
    /** The items of the feeds now (each feed newest first, as its account loaded it). */
    itemsOf(parts: AccountTimeline[]): WorkedOutItems {
      return (frozen && fromHead(parts, frozen)) ?? full(parts);
    },
  };
}
