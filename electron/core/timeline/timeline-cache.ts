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
  position: number;
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

/** A row as written: the post object it was written from, where it is, and what it says of paging. */
interface WrittenRow {
  post: Post;
  position: number;
  olderCursor: string | null;
  gapBelow: boolean;
}

const rowOf = (feed: CachedFeed, post: Post, position: number): WrittenRow => {
  const key = postKey(post);
  return { post, position, olderCursor: feed.pageEnds.get(key) ?? null, gapBelow: feed.gaps.has(key) };
};

/**
 * Where the rows written before start in the kept posts, when they are all still there in the
 * same order, with only new posts above them and some cut off below (a refresh); else -1.
 */
function offsetOfWritten(kept: readonly Post[], written: readonly WrittenRow[]): number {
  const first = written[0];
  if (!first) return -1;
  const key = postKey(first.post);
  const offset = kept.findIndex((post) => postKey(post) === key);
  if (offset < 0) return -1;
  for (let i = offset; i < kept.length; i++) {
    const row = written[i - offset];
    if (!row || postKey(row.post) !== postKey(kept[i]!)) return -1;
  }
  return offset;
}

export function createTimelineCache(db: Database) {
  const selectFeed = db.prepare('SELECT cursor, done FROM timeline_feeds WHERE account_id = ?');
  const selectPosts = db.prepare('SELECT position, post, older_cursor, gap_below FROM timeline_posts WHERE account_id = ? ORDER BY position');
  const accountExists = db.prepare('SELECT 1 AS found FROM accounts WHERE id = ?');
  const deletePosts = db.prepare('DELETE FROM timeline_posts WHERE account_id = ?');
  const insertPost = db.prepare(
    'INSERT INTO timeline_posts (account_id, position, post_key, sort_at, post, older_cursor, gap_below) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const deleteBelow = db.prepare('DELETE FROM timeline_posts WHERE account_id = ? AND position > ?');
  const updatePost = db.prepare('UPDATE timeline_posts SET post = ?, older_cursor = ?, gap_below = ? WHERE account_id = ? AND position = ?');
  const upsertFeed = db.prepare(
    `INSERT INTO timeline_feeds (account_id, cursor, done, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, done = excluded.done, saved_at = excluded.saved_at`,
  );

  /** What each account's rows hold now, as this process wrote or read them: a save writes only what changed. */
  const written = new Map<string, WrittenRow[]>();

  function insertRow(accountId: string, row: WrittenRow): void {
    insertPost.run(accountId, row.position, postKey(row.post), row.post.sortAt, JSON.stringify(row.post), row.olderCursor, row.gapBelow ? 1 : 0);
  }

  /** Rewrites the account's rows as `kept`. */
  function writeAll(accountId: string, kept: CachedFeed): WrittenRow[] {
    deletePosts.run(accountId);
    const rows = kept.posts.map((post, position) => rowOf(kept, post, position));
    for (const row of rows) insertRow(accountId, row);
    return rows;
  }

  /** Writes the posts new on top, what changed in the rows kept, and cuts the rows no longer kept: positions above the first row go below zero. */
  function writeChanges(accountId: string, kept: CachedFeed, before: WrittenRow[], offset: number): WrittenRow[] {
    const top = before[0]!.position;
    const fresh = kept.posts.slice(0, offset).map((post, index) => rowOf(kept, post, top - offset + index));
    for (const row of fresh) insertRow(accountId, row);
    const stayed = kept.posts.slice(offset).map((post, index) => {
      const row = rowOf(kept, post, before[index]!.position);
      const was = before[index]!;
      if (row.post !== was.post || row.olderCursor !== was.olderCursor || row.gapBelow !== was.gapBelow) {
        updatePost.run(JSON.stringify(row.post), row.olderCursor, row.gapBelow ? 1 : 0, accountId, row.position);
      }
      return row;
    });
    const rows = [...fresh, ...stayed];
    deleteBelow.run(accountId, rows.at(-1)?.position ?? top);
    return rows;
  }

  return {
    /** The account's cached feed, or null when nothing was saved for it. */
    load(accountId: string): CachedFeed | null {
      const feed = selectFeed.get(accountId) as { cursor: string | null; done: number } | undefined;
      if (!feed) return null;
      const posts: Post[] = [];
      const pageEnds = new Map<string, string>();
      const gaps = new Set<string>();
      const rows: WrittenRow[] = [];
      let unreadable = false;
      for (const row of selectPosts.all(accountId) as unknown as PostRow[]) {
        const post = parsePost(row.post);
        unreadable ||= !post;
        if (!post) continue;
        posts.push(post);
        if (row.older_cursor !== null) pageEnds.set(postKey(post), row.older_cursor);
        if (row.gap_below === 1 && row.older_cursor !== null) gaps.add(postKey(post));
        rows.push({ post, position: row.position, olderCursor: row.older_cursor, gapBelow: gaps.has(postKey(post)) });
      }
      // The next save writes only what changed, unless a row could not be read (then it writes all again).
      if (unreadable) written.delete(accountId);
      else written.set(accountId, rows);
      return { posts, cursor: feed.cursor, done: feed.done === 1, pageEnds, gaps };
    },

    /**
     * Replaces the account's cached feed with (the kept part of) this one, in one transaction.
     * After a refresh only the new posts are written (and the oldest cut): the cost of what came.
     */
    save(accountId: string, feed: CachedFeed): void {
      const kept = keptPart(feed);
      const before = written.get(accountId);
      written.delete(accountId); // until this transaction commits, what the rows hold is not known here
      inTransaction(db, () => {
        // An account removed while its page was loading has nothing left to cache.
        if (!accountExists.get(accountId)) return;
        const offset = before ? offsetOfWritten(kept.posts, before) : -1;
        const rows = offset < 0 ? writeAll(accountId, kept) : writeChanges(accountId, kept, before!, offset);
        upsertFeed.run(accountId, kept.cursor, kept.done ? 1 : 0, new Date().toISOString());
        written.set(accountId, rows);
      });
    },
  };
}

export type TimelineCache = ReturnType<typeof createTimelineCache>;
