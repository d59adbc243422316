/**
 * Where each account's import stands, saved after every page in the same transaction as that
 * page's posts: a crash or a quit between two pages resumes at the next one, with nothing
 * imported twice and nothing skipped.
 *
 * An import is a walk from the newest post to the oldest. The first walk goes to the end of the
 * history. A later walk (a sync) stops at the first page holding a post older than the newest
 * post an earlier complete walk archived: everything before that is in the archive already.
 */
import type { Database } from '../store/database.ts';

export interface SourceState {
  accountId: string;
  network: string;
  /** A walk is under way (and resumes at `cursor`). */
  walking: boolean;
  /** The network's cursor of the next page; null: the newest page. */
  cursor: string | null;
  /** This walk ends at the first page holding a post created before this time; null: at the end. */
  stopBefore: string | null;
  /** The newest post this walk has seen. */
  walkNewest: string | null;
  /** Every post created up to this time is archived (the newest post of the last complete walk). */
  syncedTo: string | null;
  /** The whole history has been read once. */
  complete: boolean;
  pages: number;
  walkStarted: string | null;
  lastSynced: string | null;
  /** Who the account is (its handle), kept for when it is signed out or came from a file. */
  label: string | null;
}

interface Row {
  account_id: string;
  network: string;
  walking: number;
  cursor: string | null;
  stop_before: string | null;
  walk_newest: string | null;
  synced_to: string | null;
  complete: number;
  pages: number;
  walk_started: string | null;
  last_synced: string | null;
  label: string | null;
}

const stateOf = (row: Row): SourceState => ({
  accountId: row.account_id,
  network: row.network,
  walking: row.walking === 1,
  cursor: row.cursor,
  stopBefore: row.stop_before,
  walkNewest: row.walk_newest,
  syncedTo: row.synced_to,
  complete: row.complete === 1,
  pages: row.pages,
  walkStarted: row.walk_started,
  lastSynced: row.last_synced,
  label: row.label,
});

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

export function createArchiveSources(db: Database) {
  const read = db.prepare('SELECT * FROM archive_sources WHERE account_id = ?');
  const write = db.prepare(`
    INSERT INTO archive_sources (account_id, network, walking, cursor, stop_before, walk_newest, synced_to, complete, pages, walk_started, last_synced, label)
    VALUES (:accountId, :network, :walking, :cursor, :stopBefore, :walkNewest, :syncedTo, :complete, :pages, :walkStarted, :lastSynced, :label)
    ON CONFLICT (account_id) DO UPDATE SET network = excluded.network, walking = excluded.walking, cursor = excluded.cursor,
      stop_before = excluded.stop_before, walk_newest = excluded.walk_newest, synced_to = excluded.synced_to, complete = excluded.complete,
      pages = excluded.pages, walk_started = excluded.walk_started, last_synced = excluded.last_synced, label = excluded.label`);

  function save(state: SourceState): SourceState {
    write.run({ ...state, walking: state.walking ? 1 : 0, complete: state.complete ? 1 : 0 });
    return state;
  }

  function get(accountId: string): SourceState | null {
    const row = read.get(accountId) as Row | undefined;
    return row ? stateOf(row) : null;
  }

  return {
    get,
    all: (): SourceState[] => (db.prepare('SELECT * FROM archive_sources ORDER BY account_id').all() as unknown as Row[]).map(stateOf),

    /** The walk to continue: the one under way, or a new one from the newest post. */
    walkOf(accountId: string, network: string, now = new Date().toISOString(), label: string | null = null): SourceState {
      const known = get(accountId);
      if (known?.walking) return label && label !== known.label ? save({ ...known, label }) : known;
      return save({
        accountId,
        network,
        walking: true,
        cursor: null,
        stopBefore: known?.syncedTo ?? null,
        walkNewest: null,
        syncedTo: known?.syncedTo ?? null,
        complete: known?.complete ?? false,
        pages: 0,
        walkStarted: now,
        lastSynced: known?.lastSynced ?? null,
        label: label ?? known?.label ?? null,
      });
    },

    /** An account read from a file: its whole history came at once. */
    imported(accountId: string, network: string, label: string, newest: string | null, now = new Date().toISOString()): SourceState {
      const known = get(accountId);
      // A sync stopped part-way keeps its place: the file only adds posts.
      if (known?.walking) return save({ ...known, label: known.label ?? label });
      return save({
        accountId,
        network,
        walking: false,
        cursor: null,
        stopBefore: null,
        walkNewest: null,
        syncedTo: later(known?.syncedTo ?? null, newest),
        complete: true,
        pages: known?.pages ?? 0,
        walkStarted: known?.walkStarted ?? null,
        lastSynced: now,
        label,
      });
    },

    /** After a page was saved (call in its transaction): where the walk goes next, or that it ended. */
    afterPage(state: SourceState, page: { next: string | null; createdAt: readonly string[] }, now = new Date().toISOString()): SourceState {
      const newest = page.createdAt.reduce<string | null>((max, at) => later(max, at), state.walkNewest);
      const reachedKnown = state.stopBefore !== null && page.createdAt.some((at) => at < (state.stopBefore ?? ''));
      const ended = page.next === null || reachedKnown;
      if (!ended) return save({ ...state, cursor: page.next, walkNewest: newest, pages: state.pages + 1 });
      return save({
        ...state,
        walking: false,
        cursor: null,
        stopBefore: null,
        walkNewest: null,
        syncedTo: later(state.syncedTo, newest),
        complete: state.complete || state.stopBefore === null || page.next === null,
        pages: state.pages + 1,
        lastSynced: now,
      });
    },
  };
}

export type ArchiveSources = ReturnType<typeof createArchiveSources>;
