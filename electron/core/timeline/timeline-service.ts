/**
 * The home timeline across every account: each account's pages loaded through its network's
 * adapter, merged with a frontier (shared/timeline/merge.ts), deduplicated, cross-posts collapsed.
 * One failing account shows its error and holds nobody back.
 */
import type { AppError, TimelineView } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { postKey, type Post, type Sighting } from '../../../shared/domain/post.ts';
import { collapseCrossPosts, type IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { dedupe, mergeTimelines } from '../../../shared/timeline/merge.ts';
import { ServerError } from '../http/http-json.ts';
import type { NetworkAdapter } from '../networks/network.ts';

interface AccountFeed {
  accountId: string;
  posts: Post[];
  cursor: string | null;
  done: boolean;
  error: AppError | null;
}

export interface TimelineDeps {
  accounts: () => AccountSummary[];
  adapters: Record<Network, NetworkAdapter>;
  /** Profile links between the user's people, for collapsing cross-posts. */
  links?: IdentityLinks;
  pageSize?: number;
}

const asAppError = (error: unknown, accountId: string): AppError =>
  error instanceof ServerError
    ? { code: error.code, message: error.message, account: accountId }
    : { code: 'internal', message: 'Braid could not read this account’s timeline.', account: accountId };

export function createTimelineService({ accounts, adapters, links = new Map(), pageSize = 40 }: TimelineDeps) {
  const feeds = new Map<string, AccountFeed>();
  // One load per account at a time: a refresh and a loadMore racing could splice pages wrongly.
  const loading = new Map<string, Promise<void>>();

  const feedOf = (accountId: string): AccountFeed => {
    let feed = feeds.get(accountId);
    if (!feed) feeds.set(accountId, (feed = { accountId, posts: [], cursor: null, done: false, error: null }));
    return feed;
  };

  /** The accounts that take part: signed in ones (an account needing sign-in has nothing to load). */
  const active = () => accounts().filter((account) => account.status !== 'auth_expired');

  function load(account: AccountSummary, older: boolean): Promise<void> {
    const running = loading.get(account.id);
    if (running) return running;
    const started = loadPage(account, older).finally(() => loading.delete(account.id));
    loading.set(account.id, started);
    return started;
  }

  async function loadPage(account: AccountSummary, older: boolean): Promise<void> {
    const feed = feedOf(account.id);
    try {
      const page = await adapters[account.network].homeTimeline(account.id, older ? feed.cursor : null, pageSize);
      if (older) {
        feed.posts.push(...page.posts);
        feed.cursor = page.cursor;
        feed.done = page.cursor === null;
      } else {
        const known = new Set(feed.posts.map(postKey));
        const overlaps = page.posts.some((post) => known.has(postKey(post)));
        // A newest page that reaches what was loaded is prepended; one that does not (a gap)
        // starts the account's timeline afresh.
        const fresh = page.posts.filter((post) => !known.has(postKey(post)));
        feed.posts = overlaps ? [...fresh, ...feed.posts] : page.posts;
        if (!overlaps || feed.cursor === null) {
          feed.cursor = page.cursor;
          feed.done = page.cursor === null;
        }
      }
      feed.error = null;
    } catch (error) {
      feed.error = asAppError(error, account.id);
    }
  }

  /** Each account's part in the merge; a failing account holds nobody back (its error is shown). */
  const partsOf = (current: AccountSummary[]) =>
    current.map((account) => {
      const feed = feedOf(account.id);
      return { accountId: account.id, posts: feed.posts, done: feed.done || feed.error !== null };
    });

  function view(): TimelineView {
    const current = active();
    for (const id of [...feeds.keys()]) if (!current.some((account) => account.id === id)) feeds.delete(id);
    const parts = partsOf(current);
    const merged = mergeTimelines(parts);
    return {
      items: collapseCrossPosts(merged.posts, links),
      accounts: current.map((account) => {
        const feed = feedOf(account.id);
        return { accountId: account.id, error: feed.error, done: feed.done };
      }),
      hasMore: parts.some((part) => !part.done),
    };
  }

  /** The loaded post with this postKey, every account's sighting of it combined. */
  function findPost(key: string): Post | undefined {
    const copies = [...feeds.values()].flatMap((feed) => feed.posts.filter((post) => postKey(post) === key));
    return dedupe(copies)[0];
  }

  /** After an action: the acting account's sighting (added where it did not see the post) and the new counts. */
  function recordAction(key: string, sighting: Sighting, counts: Post['counts']): void {
    let recorded = false;
    for (const feed of feeds.values()) {
      feed.posts = feed.posts.map((post) => {
        if (postKey(post) !== key) return post;
        const seen = post.seenBy.some((s) => s.accountId === sighting.accountId);
        const seenBy = seen ? post.seenBy.map((s) => (s.accountId === sighting.accountId ? sighting : s)) : recorded ? post.seenBy : [...post.seenBy, sighting];
        recorded ||= true;
        return { ...post, seenBy, counts };
      });
    }
  }

  return {
    view,
    findPost,
    recordAction,
    async refresh(): Promise<TimelineView> {
      await Promise.all(active().map((account) => load(account, false)));
      return view();
    },
    /** Loads the next older page of the accounts holding the frontier. */
    async loadMore(): Promise<TimelineView> {
      const current = active();
      const holding = mergeTimelines(partsOf(current)).needsMore;
      await Promise.all(current.filter((account) => holding.includes(account.id)).map((account) => load(account, feedOf(account.id).posts.length > 0)));
      return view();
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
