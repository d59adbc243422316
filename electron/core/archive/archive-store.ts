/**
 * The archive's posts in SQLite: one row per post of one of the user's accounts, keyed by
 * (account, post key), so importing the same post again replaces it and never adds a second
 * row. The FTS5 indexes (migration 10) follow the rows through triggers.
 */
import type { ArchivedPost } from '../networks/archive.ts';
import type { Database } from '../store/database.ts';
import type { ArchiveMedia } from './archive-media.ts';

export interface AccountArchiveCount {
  accountId: string;
  network: string;
  posts: number;
  /** Kept, but gone from their server. */
  deleted: number;
  withMedia: number;
  oldest: string | null;
  newest: string | null;
}

/** Control characters (but line breaks and tabs) never reach the store: the search marks its
 *  highlights with two of them (archive-search.ts), and a post must not be able to fake one. */
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
export const storableText = (text: string) => text.replace(controls, '');

/**
 * A post's row id is its time: milliseconds since 1970 times 1024, plus a counter for posts of the
 * same millisecond. The search indexes keep their entries in row id order, so "newest first" is
 * their own order: a search for a common word reads its newest matches and stops (archive-search.ts).
 */
export const idSlots = 1024;
export const firstIdAt = (createdAt: string) => Date.parse(createdAt) * idSlots;

/** `media`: where the posts' media rows and files go (without it, posts only: tests of the text). */
export function createArchiveStore(db: Database, media?: ArchiveMedia) {
  const exists = db.prepare('SELECT id FROM archive_posts WHERE account_id = ? AND post_key = ?');
  const lastInMillisecond = db.prepare('SELECT MAX(id) AS id FROM archive_posts WHERE id BETWEEN ? AND ?');
  const insert = db.prepare(`
    INSERT INTO archive_posts (id, account_id, network, post_key, uri, url, created_at, text, alt_text, content, langs, has_media, is_reply, is_quote, post, source, archived_at, cross_post)
    VALUES (:id, :account, :network, :key, :uri, :url, :createdAt, :text, :altText, :content, :langs, :hasMedia, :isReply, :isQuote, :post, :source, :now, :crossPost)`);
  // The search indexes are rewritten only when the text or the descriptions changed (migration 10's trigger).
  const update = db.prepare(`
    UPDATE archive_posts SET uri = :uri, url = :url, created_at = :createdAt, text = :text, alt_text = :altText, content = :content, langs = :langs,
      has_media = :hasMedia, is_reply = :isReply, is_quote = :isQuote, post = :post, source = :source, archived_at = :now, deleted_at = NULL,
      cross_post = COALESCE(:crossPost, cross_post)
    WHERE id = :id`);
  const markDeleted = db.prepare('UPDATE archive_posts SET deleted_at = ? WHERE account_id = ? AND post_key = ? AND deleted_at IS NULL');
  // The counts kept by migration 14's triggers; the oldest and newest post, each one step in an index.
  const countAll = db.prepare(`
    SELECT c.account_id AS accountId, c.network, c.posts, c.deleted, c.with_media AS withMedia,
           (SELECT MIN(created_at) FROM archive_posts WHERE account_id = c.account_id) AS oldest,
           (SELECT MAX(created_at) FROM archive_posts WHERE account_id = c.account_id) AS newest
    FROM archive_counts c WHERE c.posts > 0 ORDER BY c.account_id`);

  return {
    /** Adds or replaces the account's posts; says how many were new. Call inside a transaction
     *  with whatever else belongs to the same page (archive-sources.ts). */
    save(accountId: string, network: string, posts: readonly ArchivedPost[], now = new Date().toISOString()): { added: number } {
      let added = 0;
      for (const post of posts) {
        const createdAt = new Date(post.createdAt).toISOString();
        const known = exists.get(accountId, post.key) as { id: number } | undefined;
        let id = known?.id;
        if (id === undefined) {
          added += 1;
          const base = firstIdAt(createdAt);
          const last = (lastInMillisecond.get(base, base + idSlots - 1) as { id: number | null }).id;
          if (last !== null && last >= base + idSlots - 1) throw new Error(`more than ${idSlots} archived posts made in the same millisecond (${createdAt})`);
          id = last === null ? base : last + 1;
        }
        const row = {
          id,
          uri: post.uri,
          url: post.url,
          createdAt,
          text: storableText(post.text),
          altText: storableText(post.altText),
          content: JSON.stringify(post.content),
          langs: JSON.stringify(post.langs),
          hasMedia: post.hasMedia ? 1 : 0,
          isReply: post.isReply ? 1 : 0,
          isQuote: post.isQuote ? 1 : 0,
          post: JSON.stringify(post.post),
          source: JSON.stringify(post.source ?? null),
          now,
          crossPost: post.crossPost ?? null,
        };
        if (known) update.run(row);
        else insert.run({ ...row, account: accountId, network, key: post.key });
        media?.record(id, post);
      }
      return { added };
    },

    /** Marks posts gone from their server: they stay in the archive. */
    markDeleted(accountId: string, keys: readonly string[], at = new Date().toISOString()): number {
      let changed = 0;
      for (const key of keys) changed += Number(markDeleted.run(at, accountId, key).changes);
      return changed;
    },

    /**
     * Marks the account's posts gone from its server: those the archive holds from the time span a
     * page of its server covers (`from`–`to`, inclusive; null: without end) that the page did not
     * hold. A post that comes back later is unmarked when it is saved again.
     */
    markMissing(accountId: string, span: { from: string | null; to: string | null }, present: readonly string[], at = new Date().toISOString()): number {
      const rows = db
        .prepare(`SELECT post_key AS key FROM archive_posts WHERE account_id = ? AND deleted_at IS NULL AND created_at >= ? AND created_at <= ?`)
        .all(accountId, span.from ?? '', span.to ?? '\uffff') as { key: string }[];
      const kept = new Set(present);
      let changed = 0;
      for (const { key } of rows) if (!kept.has(key)) changed += Number(markDeleted.run(at, accountId, key).changes);
      return changed;
    },

    counts(): AccountArchiveCount[] {
      return countAll.all() as unknown as AccountArchiveCount[];
    },

    /** The row id of an account's post, where the archive has it. */
    idOf(accountId: string, key: string): number | undefined {
      return (exists.get(accountId, key) as { id: number } | undefined)?.id;
    },

    count(accountId: string): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM archive_posts WHERE account_id = ?').get(accountId) as { n: number }).n;
    },
  };
}

export type ArchiveStore = ReturnType<typeof createArchiveStore>;
