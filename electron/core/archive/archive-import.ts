/**
 * One account's import: pages of its own posts from its network, each saved with the walk's new
 * position in ONE transaction, within the request budget the server reports (when it runs low,
 * the import waits for the server's reset; a 429 waits for the time the server gives, then asks
 * again). Stopping (a signal) between or during pages loses nothing: the next run resumes.
 */
import { ServerError } from '../base/errors.ts';
import type { NetworkArchive } from '../networks/archive.ts';
import { inTransaction, type Database } from '../store/database.ts';
import type { ArchiveSources } from './archive-sources.ts';
import type { ArchiveStore } from './archive-store.ts';

export interface ImportProgress {
  accountId: string;
  /** Pages read in this walk, this run and earlier ones. */
  pages: number;
  /** Posts in the account's archive now. */
  archived: number;
  /** New to the archive in this run. */
  added: number;
  /** Entries the server sent that could not be read, in this run. */
  unreadable: number;
  /** Set while waiting for the server's request budget to come back (epoch ms). */
  waitingUntil: number | null;
}

export interface ImportResult extends ImportProgress {
  /** 'done': the walk reached its end; 'stopped': the signal stopped it (it resumes next time). */
  outcome: 'done' | 'stopped';
}

export interface ImportDeps {
  db: Database;
  store: ArchiveStore;
  sources: ArchiveSources;
  archive: NetworkArchive;
  accountId: string;
  network: string;
  /** The account's handle, kept with its archive. */
  label?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Requests left to the account that the import does not use, for the rest of Braid (default 10). */
  reserve?: number;
  /** How many refusals (429) in a row it waits out before giving up (default 5). */
  maxRateLimitWaits?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A wait that ends early (without throwing) when the signal fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Without a reset time, a refused request is tried again after a minute. */
const defaultRateLimitWaitMs = 60_000;

export async function importAccount(deps: ImportDeps): Promise<ImportResult> {
  const { db, store, sources, archive, accountId, network, signal } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const reserve = deps.reserve ?? 10;
  const maxWaits = deps.maxRateLimitWaits ?? 5;
  let state = sources.walkOf(accountId, network, undefined, deps.label ?? null);
  const progress: ImportProgress = { accountId, pages: state.pages, archived: store.count(accountId), added: 0, unreadable: 0, waitingUntil: null };
  const stopped = (): ImportResult => ({ ...progress, waitingUntil: null, outcome: 'stopped' });
  let refusals = 0;

  const waitUntil = async (at: number) => {
    progress.waitingUntil = at;
    deps.onProgress?.({ ...progress });
    await sleep(at - now(), signal);
    progress.waitingUntil = null;
  };

  while (state.walking) {
    if (signal?.aborted) return stopped();
    let page;
    try {
      page = await archive.ownPostsPage(accountId, state.cursor, signal);
    } catch (error) {
      if (signal?.aborted) return stopped();
      if (error instanceof ServerError && error.code === 'rate_limited' && refusals < maxWaits) {
        refusals += 1;
        await waitUntil(error.retryAt ?? now() + defaultRateLimitWaitMs);
        continue;
      }
      throw error;
    }
    refusals = 0;
    const current = state;
    const saved = inTransaction(db, () => {
      const { added } = store.save(accountId, network, page.posts);
      // What the server no longer has among the posts this page spans was deleted there: kept, and marked.
      // (Not when it sent something unreadable: that may be one of them.)
      if (page.posts.length > 0 && page.unreadable === 0) {
        const times = page.posts.map((post) => new Date(post.createdAt).toISOString()).sort();
        const span = { from: page.next === null ? null : times[0]!, to: current.cursor === null ? null : times.at(-1)! };
        store.markMissing(accountId, span, page.posts.map((post) => post.key));
      }
      const next = sources.afterPage(current, { next: page.next, createdAt: page.posts.map((post) => new Date(post.createdAt).toISOString()) });
      return { added, next };
    });
    state = saved.next;
    progress.pages = state.pages;
    progress.added += saved.added;
    progress.archived += saved.added;
    progress.unreadable += page.unreadable;
    deps.onProgress?.({ ...progress });
    if (state.walking && page.budget && page.budget.remaining <= reserve) await waitUntil(page.budget.resetAt);
  }
  return { ...progress, outcome: 'done' };
}
