/**
 * The home timeline kept between runs (tables timeline_posts and timeline_feeds, migration 4):
 * each account's newest posts, in its own order, and where its next older page starts, so that
 * the timeline paints at start without asking any server. Rows are read back through postSchema:
 * a row Braid can no longer read is left out, never a crash. Removing an account removes its
 * rows (ON DELETE CASCADE).
 */
import { postKey, postSchema, type Post } from '../../../shared/domain/post.ts';
import { inTransaction, type Database } from '../store/database.ts';

/** About this many of each account's newest posts are kept (whole pages, so paging can go on). */
export const cachedPostsPerAccount = 300;

export interface CachedFeed {
  /** Newest first, as the account's timeline had them. */
  posts: Post[];
  /** Where the next older page starts; null with `done` when nothing older is left. */
  cursor: string | null;
  done: boolean;
  /** Posts that ended a loaded page, with where the page after them starts. */
  pageEnds: Map<string, string>;
  /** Posts below which posts are missing (loadable from their page end). */
  gaps: Set<string>;
}

interface PostRow {
  post: string;
  older_cursor: string | null;
  gap_below: number;
}

function parsePost(json: string): Post | null {
  try {
    const parsed = postSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What of a feed to keep: everything up to `limit` posts, else the posts up to the last page end
 * within the limit (or the first page end past it), so the kept cursor continues right after them.
 */
export function keptPart(feed: CachedFeed, limit = cachedPostsPerAccount): CachedFeed {
  const { posts } = feed;
  if (posts.length <= limit) return feed;
  const endsAt = (index: number) => index === posts.length - 1 || feed.pageEnds.has(postKey(posts[index]!));
  let cut = -1;
  for (let index = limit - 1; index >= 0 && cut < 0; index--) if (endsAt(index)) cut = index;
  for (let index = limit; index < posts.length && cut < 0; index++) if (endsAt(index)) cut = index;
  if (cut === posts.length - 1) return feed;
  const kept = posts.slice(0, cut + 1);
  const keys = new Set(kept.map(postKey));
  const tail = postKey(posts[cut]!);
  return {
    posts: kept,
    cursor: feed.pageEnds.get(tail) ?? null,
    done: false,
    pageEnds: new Map([...feed.pageEnds].filter(([key]) => keys.has(key))),
    // A gap below the last kept post is simply where paging goes on.
    gaps: new Set([...feed.gaps].filter((key) => keys.has(key) && key !== tail)),
  };
}

export function createTimelineCache(db: Database) {
  const selectFeed = db.prepare('SELECT cursor, done FROM timeline_feeds WHERE account_id = ?');
  const selectPosts = db.prepare('SELECT post, older_cursor, gap_below FROM timeline_posts WHERE account_id = ? ORDER BY position');
  const accountExists = db.prepare('SELECT 1 AS found FROM accounts WHERE id = ?');
  const deletePosts = db.prepare('DELETE FROM timeline_posts WHERE account_id = ?');
  const insertPost = db.prepare(
    'INSERT INTO timeline_posts (account_id, position, post_key, sort_at, post, older_cursor, gap_below) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertFeed = db.prepare(
    `INSERT INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, done = excluded.done, saved_at = excluded.saved_at`,
  );

  return {
    /** The account's cached feed, or null when nothing was saved for it. */
    load(accountId: string): CachedFeed | null {
      const feed = selectFeed.get(accountId) as { cursor: string | null; done: number } | undefined;
      if (!feed) return null;
      const posts: Post[] = [];
      const pageEnds = new Map<string, string>();
      const gaps = new Set<string>();
      for (const row of selectPosts.all(accountId) as unknown as PostRow[]) {
        const post = parsePost(row.post);
        if (!post) continue;
        posts.push(post);
        if (row.older_cursor !== null) pageEnds.set(postKey(post), row.older_cursor);
        if (row.gap_below === 1 && row.older_cursor !== null) gaps.add(postKey(post));
      }
      return { posts, cursor: feed.cursor, done: feed.done === 1, pageEnds, gaps };
    },

    /** Replaces the account's cached feed with (the kept part of) this one, in one transaction. */
    save(accountId: string, feed: CachedFeed): void {
      const kept = keptPart(feed);
      inTransaction(db, () => {
        // An account removed while its page was loading has nothing left to cache.
        if (!accountExists.get(accountId)) return;
        deletePosts.run(accountId);
        kept.posts.forEach((post, position) => {
          const key = postKey(post);
          insertPost.run(accountId, position, key, post.sortAt, JSON.stringify(post), kept.pageEnds.get(key) ?? null, kept.gaps.has(key) ? 1 : 0);
        });
        upsertFeed.run(accountId, kept.cursor, kept.done ? 1 : 0, new Date().toISOString());
      });
    },
  };
}

export type TimelineCache = ReturnType<typeof createTimelineCache>;
