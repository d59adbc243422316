/**
 * Cross-post groups of the archive's older posts: the same words posted by the user to several of
 * their accounts. A post Braid sent carries its outbox's own record (`draft:<draftId>`, written
 * with the post: sent-posts.ts); for every other post, this pass applies the timeline's collapse
 * rule (shared/timeline/cross-posts.ts, isCrossPost: one post on each network, at most 10 minutes
 * apart, the same words once links, mentions and thread markers are set aside). Every archived
 * account is the user's own, so their authors are all one person: the identity links the rule
 * asks for are all of them.
 *
 * One pass reads the archive in time order (the row id is the time: archive-store.ts) keeping only
 * the last 10 minutes in memory, and parses a post only when a post of another account lies within
 * that window. A post with no group joins the group of the nearest matching post of another
 * account (a group takes one post per account), or starts one with it: `match:<row id of the
 * earlier post>`. A group already written (a draft's, or an earlier pass's) is never changed, so
 * the pass can run after every sync and every import. Given the time a sync or an import began,
 * it reads only the span of time the posts saved since then cover (and 10 minutes either side):
 * a sync every few hours costs a few rows, not the whole archive.
 */
import type { Post } from '../../../shared/domain/post.ts';
import { crossPostWindowMs, isCrossPost } from '../../../shared/timeline/cross-posts.ts';
import { inTransaction, type Database } from '../store/database.ts';
import { firstIdAt, idSlots } from './archive-store.ts';

interface Seen {
  id: number;
  account: string;
  time: number;
  group: string | null;
  /** The row's `post`, read and parsed only when needed. */
  post?: Post | null;
}

export interface CrossPostPass {
  /** Posts given a group by this pass. */
  grouped: number;
}

export interface CrossPostOptions {
  /** Only around the posts saved (archived_at) at or after this ISO time; the whole archive when absent. */
  savedSince?: string;
}

/** Assigns cross-post groups to the archive's posts that have none (see above). */
export function groupCrossPosts(db: Database, options: CrossPostOptions = {}): CrossPostPass {
  let from = Number.MIN_SAFE_INTEGER;
  let to = Number.MAX_SAFE_INTEGER;
  if (options.savedSince !== undefined) {
    const span = db.prepare('SELECT MIN(created_at) AS oldest, MAX(created_at) AS newest FROM archive_posts WHERE archived_at >= ?').get(options.savedSince) as { oldest: string | null; newest: string | null };
    if (span.oldest === null || span.newest === null) return { grouped: 0 };
    from = firstIdAt(new Date(Date.parse(span.oldest) - crossPostWindowMs).toISOString());
    to = firstIdAt(new Date(Date.parse(span.newest) + crossPostWindowMs).toISOString()) + idSlots - 1;
  }
  const rows = db.prepare('SELECT id, account_id, created_at, cross_post FROM archive_posts WHERE id BETWEEN ? AND ? ORDER BY id');
  const postOf = db.prepare('SELECT post FROM archive_posts WHERE id = ?');
  const inGroup = db.prepare('SELECT 1 AS found FROM archive_posts WHERE cross_post = ? AND account_id = ? LIMIT 1');
  /** The accounts each group holds a post of (groups seen so far in this pass). */
  const members = new Map<string, Set<string>>();
  /** A group takes one post per account: one read before this span may hold it already. */
  const holds = (group: string, account: string) => members.get(group)?.has(account) === true || inGroup.get(group, account) !== undefined;
  /** Every author of a parsed post, each linked to all the others: the archive is the user's own. */
  const own = new Set<string>();
  const links = new Map<string, ReadonlySet<string>>();
  const parsed = (entry: Seen): Post | null => {
    if (entry.post === undefined) {
      try {
        entry.post = JSON.parse((postOf.get(entry.id) as { post: string }).post) as Post;
        own.add(entry.post.author.id);
        links.set(entry.post.author.id, own);
      } catch {
        entry.post = null;
      }
    }
    return entry.post;
  };
  const join = (entry: Seen, group: string) => {
    entry.group = group;
    const accounts = members.get(group) ?? new Set<string>();
    accounts.add(entry.account);
    members.set(group, accounts);
  };
  const updates: { id: number; group: string }[] = [];
  const window: Seen[] = [];

  for (const row of rows.iterate(from, to)) {
    const { id, account_id, created_at, cross_post } = row as { id: number; account_id: string; created_at: string; cross_post: string | null };
    const entry: Seen = { id, account: account_id, time: Date.parse(created_at), group: null };
    if (cross_post) join(entry, cross_post);
    while (window.length > 0 && entry.time - window[0]!.time > crossPostWindowMs) window.shift();
    // Nearest first, as the timeline pairs a post with the next one that matches.
    for (let i = window.length - 1; i >= 0; i--) {
      const earlier = window[i]!;
      if (earlier.account === entry.account) continue;
      if (earlier.group && entry.group) continue;
      const group = earlier.group ?? entry.group;
      const joining = earlier.group ? entry : earlier;
      if (group && holds(group, joining.account)) continue;
      const a = parsed(earlier);
      const b = parsed(entry);
      if (!a || !b || !isCrossPost(a, b, links)) continue;
      if (group) {
        join(joining, group);
        updates.push({ id: joining.id, group });
      } else {
        const made = `match:${earlier.id}`;
        join(earlier, made);
        join(entry, made);
        updates.push({ id: earlier.id, group: made }, { id: entry.id, group: made });
      }
      break;
    }
    window.push(entry);
  }

  if (updates.length > 0) {
    const write = db.prepare('UPDATE archive_posts SET cross_post = ? WHERE id = ? AND cross_post IS NULL');
    inTransaction(db, () => {
      for (const update of updates) write.run(update.group, update.id);
    });
  }
  return { grouped: updates.length };
}
