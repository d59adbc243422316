/**
 * The merged home timeline, as a pure function of what each account has loaded so far.
 *
 * Frontier: each account's timeline is loaded newest-first, page by page. A post older than the
 * oldest post loaded for some account that still has more could be followed, once that account
 * loads further, by newer posts from it: so only posts at or above the frontier (the newest of
 * those "oldest loaded" times) are shown, and the accounts holding the frontier load next.
 */
import { postKey, type Post, type Sighting } from '../domain/post.ts';
import { oncePerObject } from '../once-per-object.ts';

export interface AccountTimeline {
  accountId: string;
  /** Newest first, as loaded so far. */
  posts: Post[];
  /** Nothing older is left to load, or the account failed: it holds nobody back. */
  done: boolean;
}

export interface MergedTimeline {
  /** Deduplicated, newest first, none older than the frontier. */
  posts: Post[];
  /** The oldest time that can be shown now; null when every account is done (all is shown) or
   *  when some account has loaded nothing yet (nothing can be shown: see needsMore). */
  frontier: string | null;
  /** The accounts to load next (older posts) before anything older can be shown. */
  needsMore: string[];
}

/** The post's place in time, in milliseconds. */
export const sortTime = oncePerObject((post: Post) => Date.parse(post.sortAt));

/** Newest first. Equal times keep the order they came in (sort is stable): posts made in the same
 *  second stay in their server's order, which knows better than any key. */
export const byTimelineOrder = (a: Post, b: Post) => sortTime(b) - sortTime(a);

/** One post seen by several accounts becomes one post that lists every account that saw it. */
function combine(existing: Post, next: Post): Post {
  const seenBy: Sighting[] = [...existing.seenBy];
  for (const sighting of next.seenBy) {
    if (!seenBy.some((s) => s.accountId === sighting.accountId)) seenBy.push(sighting);
  }
  const newer = sortTime(next) > sortTime(existing) ? next : existing;
  return {
    ...newer,
    seenBy,
    counts: {
      replies: Math.max(existing.counts.replies, next.counts.replies),
      boosts: Math.max(existing.counts.boosts, next.counts.boosts),
      likes: Math.max(existing.counts.likes, next.counts.likes),
    },
  };
}

/** The last combination made with each post: the same two copies give the same object again. */
const combined = new WeakMap<Post, { next: Post; result: Post }>();

function combineOnce(existing: Post, next: Post): Post {
  const known = combined.get(existing);
  if (known?.next === next) return known.result;
  const result = combine(existing, next);
  combined.set(existing, { next, result });
  return result;
}

export function dedupe(posts: Iterable<Post>): Post[] {
  const byKey = new Map<string, Post>();
  for (const post of posts) {
    const key = postKey(post);
    const existing = byKey.get(key);
    byKey.set(key, existing ? combineOnce(existing, post) : post);
  }
  return [...byKey.values()];
}

export function mergeTimelines(accounts: AccountTimeline[]): MergedTimeline {
  let frontier: number | null = null;
  let holders: string[] = [];
  for (const account of accounts) {
    if (account.done) continue;
    const oldest = account.posts.at(-1);
    // An account that has loaded nothing yet holds everything back.
    const limit = oldest ? sortTime(oldest) : Number.POSITIVE_INFINITY;
    if (frontier === null || limit > frontier) {
      frontier = limit;
      holders = [account.accountId];
    } else if (limit === frontier) {
      holders.push(account.accountId);
    }
  }
  const limit = frontier;
  const visible = accounts.flatMap((account) => (limit === null ? account.posts : account.posts.filter((post) => sortTime(post) >= limit)));
  return {
    posts: dedupe(visible).sort(byTimelineOrder),
    frontier: limit === null || !Number.isFinite(limit) ? null : new Date(limit).toISOString(),
    needsMore: holders,
  };
}
