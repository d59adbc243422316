/**
 * The home timeline across every account: each account's pages loaded through its network's
 * adapter, merged with a frontier (shared/timeline/merge.ts), deduplicated, cross-posts collapsed.
 * One failing account shows its error and holds nobody back. Each account's feed is kept in the
 * timeline cache, so a new run shows it before any server answers; live updates (live-updates.ts)
 * add, change and remove posts through the methods at the end.
 */
import type { AppError, TimelineView } from '../../../shared/contract.ts';
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { postKey, type Post } from '../../../shared/domain/post.ts';
import type { IdentityLinks } from '../../../shared/timeline/cross-posts.ts';
import { dedupe, mergeTimelines } from '../../../shared/timeline/merge.ts';
import type { SentParts } from '../../../shared/timeline/sent-together.ts';
import { createTimelineItems } from '../../../shared/timeline/timeline-items.ts';
import { accountError, phrase } from '../base/errors.ts';
import type { NetworkTimeline, TimelinePage } from '../networks/network.ts';
import { withOutcome, type ActionOutcome } from '../networks/post-actions.ts';
import type { TimelineCache } from './timeline-cache.ts';

/** The merged timeline as the service works it out; the publisher numbers it for the windows. */
export type MergedView = Omit<TimelineView, 'version' | 'complete'>;

interface AccountFeed {
  accountId: string;
  posts: Post[];
  cursor: string | null;
  done: boolean;
  error: AppError | null;
  /** The last post of each loaded page (by postKey) and where the page after it starts: the cache keeps whole pages. */
  pageEnds: Map<string, string>;
  /** Posts (by postKey) below which the account's posts are missing: a newest page that did not
   *  reach what was loaded. The missing posts start at the post's page end. */
  gaps: Set<string>;
}

export interface TimelineDeps {
  accounts: () => AccountSummary[];
  /** The timeline part of a network's module. */
  timelineOf: (network: Network) => NetworkTimeline;
  /** Profile links between the user's people, for collapsing cross-posts: fixed, or worked out from the posts passed (only the new ones, when the view can keep the rest) and those passed before: the same object while they hold. */
  links?: IdentityLinks | ((posts: readonly Post[]) => IdentityLinks);
  /** How many of the newest posts each view works out again (shared/timeline/timeline-items.ts). */
  headSize?: number;
  pageSize?: number;
  /** Where feeds are kept between runs; without one the timeline starts empty. */
  cache?: TimelineCache;
  /** The parts of posts Braid sent (the outbox's record), to show each sent-together post once. */
  sentParts?: () => SentParts;
  log?: (message: string, error?: unknown) => void;
}

/** What a load of the newest page did: whether the account's part of the view changed, and its error now. */
export interface AccountRefresh {
  changed: boolean;
  error: AppError | null;
}

const asAppError = (error: unknown, accountId: string): AppError => accountError(error, accountId, phrase('error.timeline.failed'));

const noSentParts: SentParts = new Map();

export function createTimelineService({ accounts, timelineOf, links = new Map(), pageSize = 40, headSize, cache, sentParts, log = () => undefined }: TimelineDeps) {
  const feeds = new Map<string, AccountFeed>();
  // One load per account at a time: a refresh and a loadMore racing could splice pages wrongly.
  const loading = new Map<string, Promise<boolean>>();

  /** The account's feed as the cache kept it, else empty. */
  function restored(accountId: string): AccountFeed {
    const empty: AccountFeed = { accountId, posts: [], cursor: null, done: false, error: null, pageEnds: new Map(), gaps: new Set() };
    try {
      const cached = cache?.load(accountId);
      return cached ? { ...empty, ...cached } : empty;
    } catch (error) {
      log(`timeline cache: could not read ${accountId}`, error);
      return empty;
    }
  }

  function persist(feed: AccountFeed): void {
    try {
      cache?.save(feed.accountId, feed);
    } catch (error) {
      log(`timeline cache: could not save ${feed.accountId}`, error); // the timeline itself goes on
    }
  }

  const feedOf = (accountId: string): AccountFeed => {
    let feed = feeds.get(accountId);
    if (!feed) feeds.set(accountId, (feed = restored(accountId)));
    return feed;
  };

  /** The accounts that take part: signed in ones (an account needing sign-in has nothing to load). */
  const active = () => accounts().filter((account) => account.status !== 'auth_expired');
  const activeAccount = (accountId: string) => active().find((account) => account.id === accountId);

  /** Resolves to whether the account's part of the view changed (posts added, replaced, or its error). */
  function load(account: AccountSummary, older: boolean): Promise<boolean> {
    const running = loading.get(account.id);
    if (running) return running;
    const started = loadPage(account, older).finally(() => loading.delete(account.id));
    loading.set(account.id, started);
    return started;
  }

  /** The feed's last post ends a page: the next one starts at `page.cursor`. */
  function markTailAsPageEnd(feed: AccountFeed, page: TimelinePage): void {
    const tail = feed.posts.at(-1);
    if (tail && page.cursor !== null) feed.pageEnds.set(postKey(tail), page.cursor);
  }

  // The keys of a feed's posts, by the posts array (a change makes a new array); posts put on top carry the set over.
  const heldKeys = new WeakMap<Post[], Set<string>>();
  function keysOf(posts: Post[]): Set<string> {
    let keys = heldKeys.get(posts);
    if (!keys) heldKeys.set(posts, (keys = new Set(posts.map(postKey))));
    return keys;
  }

  /** Puts posts the feed does not hold on its top; the feed's key set is carried over rather than built again. */
  function putOnTop(feed: AccountFeed, fresh: Post[]): void {
    const keys = keysOf(feed.posts);
    heldKeys.delete(feed.posts);
    feed.posts = [...fresh, ...feed.posts];
    for (const post of fresh) keys.add(postKey(post));
    heldKeys.set(feed.posts, keys);
  }

  /** The page's posts the feed does not hold yet. */
  const newTo = (feed: AccountFeed, posts: Post[]): Post[] => posts.filter((post) => !keysOf(feed.posts).has(postKey(post)));

  /** A page with something to place in time: past pages where nothing could be read (and placed), a few at most. */
  async function readablePage(account: AccountSummary, cursor: string | null): Promise<TimelinePage> {
    const timeline = timelineOf(account.network);
    let page = await timeline.home(account.id, cursor, pageSize);
    for (let hops = 0; page.posts.length === 0 && page.cursor !== null && hops < 3; hops++) page = await timeline.home(account.id, page.cursor, pageSize);
    return page;
  }

  async function loadPage(account: AccountSummary, older: boolean): Promise<boolean> {
    const feed = feedOf(account.id);
    const errorBefore = feed.error?.code;
    try {
      const page = await readablePage(account, older ? feed.cursor : null);
      const fresh = newTo(feed, page.posts);
      if (older) {
        feed.posts = [...feed.posts, ...fresh]; // a new array: views keep the one they worked from
        feed.cursor = page.cursor;
        feed.done = page.cursor === null;
        markTailAsPageEnd(feed, page);
      } else {
        // A newest page goes on top. When it does not reach what was loaded (more than a page
        // arrived since), the posts in between are a gap the reader can load: what was loaded,
        // and the place being read in it, stay. An empty page (a server rebuilding its feed) changes nothing.
        const overlaps = fresh.length < page.posts.length || page.posts.length === 0;
        const below = feed.posts.length;
        putOnTop(feed, fresh);
        if (below === 0 || (feed.cursor === null && !feed.done)) {
          feed.cursor = page.cursor;
          feed.done = page.cursor === null;
          markTailAsPageEnd(feed, page);
        } else if (!overlaps && page.cursor !== null) {
          const lastFresh = postKey(fresh.at(-1)!);
          feed.pageEnds.set(lastFresh, page.cursor);
          feed.gaps.add(lastFresh);
        }
      }
      feed.error = null;
      persist(feed);
      return fresh.length > 0 || errorBefore !== undefined;
    } catch (error) {
      feed.error = asAppError(error, account.id);
      return feed.error.code !== errorBefore;
    }
  }

  /** Loads the page that follows the gap below `after`: the gap closes when the page reaches the
   *  posts below it, else it moves down to the page's last post. */
  async function loadGapPage(account: AccountSummary, after: string): Promise<boolean> {
    const feed = feedOf(account.id);
    const cursor = feed.pageEnds.get(after);
    if (!feed.gaps.has(after) || cursor === undefined) return false;
    try {
      const page = await readablePage(account, cursor);
      const index = feed.posts.findIndex((post) => postKey(post) === after);
      if (index < 0) return false; // removed while the page loaded
      const fresh = newTo(feed, page.posts);
      feed.posts = feed.posts.toSpliced(index + 1, 0, ...fresh);
      feed.gaps.delete(after);
      const last = page.posts.at(-1);
      if (page.cursor !== null && last) {
        const lastKey = postKey(last);
        if (!feed.pageEnds.has(lastKey)) feed.pageEnds.set(lastKey, page.cursor);
        if (fresh.length === page.posts.length) feed.gaps.add(lastKey); // nothing known yet: still a gap
      } else if (page.cursor !== null) {
        feed.gaps.add(after); // nothing readable in a few pages: the gap starts further down
        feed.pageEnds.set(after, page.cursor);
      }
      feed.error = null;
      persist(feed);
      return true;
    } catch (error) {
      feed.error = asAppError(error, account.id);
      return true;
    }
  }

  /** Each account's part in the merge; a failing account holds nobody back (its error is shown). */
  const partsOf = (current: AccountSummary[]) =>
    current.map((account) => {
      const feed = feedOf(account.id);
      return { accountId: account.id, posts: feed.posts, done: feed.done || feed.error !== null };
    });

  const worked = createTimelineItems({
    links: typeof links === 'function' ? links : () => links,
    sentParts: () => sentParts?.() ?? noSentParts,
    headSize,
  });

  function view(): MergedView {
    const current = active();
    for (const id of [...feeds.keys()]) if (!current.some((account) => account.id === id)) feeds.delete(id);
    const parts = partsOf(current);
    const { items, shows } = worked.itemsOf(parts);
    return {
      items,
      gaps: current.flatMap((account) => [...feedOf(account.id).gaps].filter(shows).map((after) => ({ accountId: account.id, after }))),
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
  /** An action's outcome in every feed holding the post: the account's sighting, the counts, a vote's poll. */
  function recordAction(key: string, outcome: ActionOutcome): void {
    let recorded = false;
    for (const feed of feeds.values()) {
      feed.posts = feed.posts.map((post) => {
        if (postKey(post) !== key) return post;
        const next = withOutcome(post, outcome, !recorded);
        recorded ||= true;
        return next;
      });
    }
  }

  /** Takes one post out of a feed; the page (and the gap after it) it ended now ends one post earlier. */
  function dropAt(feed: AccountFeed, index: number): void {
    const key = postKey(feed.posts[index]!);
    const end = feed.pageEnds.get(key);
    const before = feed.posts[index - 1];
    const gap = feed.gaps.delete(key);
    feed.pageEnds.delete(key);
    if (end !== undefined && before && !feed.pageEnds.has(postKey(before))) {
      feed.pageEnds.set(postKey(before), end);
      if (gap) feed.gaps.add(postKey(before));
    }
    feed.posts = feed.posts.toSpliced(index, 1);
  }

  /** A live post may join a feed only once the feed shows something: a feed never loaded starts with a page. */
  const isLoaded = (feed: AccountFeed) => feed.posts.length > 0 || feed.cursor !== null || feed.done;

  return {
    view,
    findPost,
    recordAction,
    async refresh(): Promise<void> {
      await Promise.all(active().map((account) => load(account, false)));
    },
    /** Loads the next older page of the accounts holding the frontier. */
    async loadMore(): Promise<void> {
      const current = active();
      const holding = mergeTimelines(partsOf(current)).needsMore;
      // Older than what is loaded; a feed that has only a cursor so far (nothing readable yet) goes on from it.
      const hasOlder = (feed: AccountFeed) => feed.posts.length > 0 || feed.cursor !== null;
      await Promise.all(current.filter((account) => holding.includes(account.id)).map((account) => load(account, hasOlder(feedOf(account.id)))));
    },

    /** Loads the posts missing below `after` in the account's feed (one page). */
    async loadGap(accountId: string, after: string): Promise<void> {
      const account = activeAccount(accountId);
      if (account) {
        const running = loading.get(accountId);
        if (running) await running.catch(() => undefined);
        const started = loadGapPage(account, after).finally(() => loading.delete(accountId));
        loading.set(accountId, started);
        await started;
      }
    },

    /** The newest page of one account (a poll), with what it changed. */
    async refreshAccount(accountId: string): Promise<AccountRefresh> {
      const account = activeAccount(accountId);
      if (!account) return { changed: false, error: null };
      const changed = await load(account, false);
      return { changed, error: feedOf(accountId).error };
    },

    /** The newest entry of the account's home timeline on its server: one request for a single post. */
    async newestOnServer(accountId: string): Promise<Post | null> {
      const account = activeAccount(accountId);
      if (!account) return null;
      return (await timelineOf(account.network).home(accountId, null, 1)).posts[0] ?? null;
    },

    /** Whether the account's feed holds this entry already (the same post at the same place in time). */
    knows(accountId: string, post: Post): boolean {
      const key = postKey(post);
      return feedOf(accountId).posts.some((known) => postKey(known) === key && known.sortAt === post.sortAt);
    },

    /** A post that just arrived goes on top of the account's feed, unless it is there already. */
    addNewest(accountId: string, post: Post): boolean {
      if (!activeAccount(accountId)) return false;
      const feed = feedOf(accountId);
      const key = postKey(post);
      if (!isLoaded(feed) || keysOf(feed.posts).has(key)) return false;
      putOnTop(feed, [post]);
      return true;
    },

    /** An edited post takes the place of its old version; where and why it is in the timeline, and who saw it, stay. */
    replace(accountId: string, post: Post): boolean {
      const feed = feeds.get(accountId);
      const key = postKey(post);
      const index = feed?.posts.findIndex((known) => postKey(known) === key) ?? -1;
      if (!feed || index < 0) return false;
      const old = feed.posts[index]!;
      feed.posts = feed.posts.with(index, { ...post, boostedBy: old.boostedBy, sortAt: old.sortAt, seenBy: old.seenBy });
      return true;
    },

    /** A post deleted on the server (known to the account by its native id) leaves the account's feed. */
    remove(accountId: string, nativeId: string): boolean {
      const feed = feeds.get(accountId);
      if (!feed) return false;
      const index = feed.posts.findIndex((post) => post.seenBy.some((s) => s.accountId === accountId && s.nativeId === nativeId));
      if (index < 0) return false;
      dropAt(feed, index);
      return true;
    },

    /** A person the account muted or blocked: their posts, and what they boosted, leave the
     *  account's feed (and its cache), as their server takes them out of its home timeline. */
    removeAuthor(accountId: string, personId: string): boolean {
      const feed = feedOf(accountId);
      const theirs = (post: Post) => post.author.id === personId || post.boostedBy?.id === personId;
      let removed = false;
      for (let index = feed.posts.length - 1; index >= 0; index--) {
        if (!theirs(feed.posts[index]!)) continue;
        dropAt(feed, index);
        removed = true;
      }
      if (removed) persist(feed);
      return removed;
    },

    /** Writes the account's feed to the cache (after live changes; loads save themselves). */
    persist(accountId: string): void {
      const feed = feeds.get(accountId);
      if (feed) persist(feed);
    },
  };
}

export type TimelineService = ReturnType<typeof createTimelineService>;
