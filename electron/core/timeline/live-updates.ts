/**
 * Live updates for every signed-in account, each the way its network gives them (its module's
 * `live`: a stream, polling, or peeks while a window has focus). They follow the accounts
 * (started and stopped on accounts.changed), add what arrives to the feeds at once, keep the
 * cache, and tell the renderer with `timeline.updated`, one event per burst. close() stops every
 * socket and timer.
 */
import type { AccountSummary, Network } from '../../../shared/domain/account.ts';
import { defaultTimings, realTimers, type LiveTimings, type Timers } from '../base/live-timing.ts';
import type { Logger } from '../base/logger.ts';
import type { EventHub } from '../events.ts';
import type { AccountLiveDeps, LiveConnection, LiveInbox, NetworkLive } from '../networks/network.ts';
import type { TimelineService } from './timeline-service.ts';

export interface LiveUpdatesOptions extends Partial<LiveTimings> {
  timers?: Timers;
}

export interface LiveUpdatesDeps {
  accounts: () => AccountSummary[];
  events: EventHub;
  timeline: TimelineService;
  inbox: LiveInbox;
  /** The live part of a network's module. */
  liveOf: (network: Network) => NetworkLive;
  /** The accounts service's way of recording that an account needs signing in again. */
  markExpired: (accountId: string) => void;
  options?: LiveUpdatesOptions;
  log?: Logger;
}

export function createLiveUpdates({ accounts, events, timeline, inbox, liveOf, markExpired, options = {}, log = () => undefined }: LiveUpdatesDeps) {
  const { timers = realTimers, ...overrides } = options;
  const timings: LiveTimings = { ...defaultTimings, ...overrides };
  const running = new Map<string, LiveConnection>();
  let focused = false;
  let closed = false;

  // Changes within coalesceMs become one event; the cache is written once per account for them.
  const pending = new Set<string>();
  let flushTimer: unknown = null;
  function flush(): void {
    flushTimer = null;
    const ids = [...pending];
    pending.clear();
    for (const id of ids) timeline.persist(id);
    if (!closed && ids.length > 0) events.emit('timeline.updated', { accounts: ids });
  }
  function changed(accountId: string): void {
    if (closed) return;
    pending.add(accountId);
    flushTimer ??= timers.setTimeout(flush, timings.coalesceMs);
  }

  const accountDeps = (accountId: string): AccountLiveDeps => ({
    accountId,
    timeline,
    inbox,
    changed,
    expired: (id) => {
      running.delete(id);
      markExpired(id);
    },
    timings,
    timers,
    log,
  });

  const start = (account: AccountSummary): LiveConnection => liveOf(account.network).start(accountDeps(account.id), focused);

  /** Live updates for exactly the signed-in accounts. */
  function sync(): void {
    if (closed) return;
    const wanted = accounts().filter((account) => account.status !== 'auth_expired');
    for (const [id, entry] of running) {
      if (wanted.some((account) => account.id === id)) continue;
      entry.stop();
      running.delete(id);
    }
    for (const account of wanted) if (!running.has(account.id)) running.set(account.id, start(account));
  }

  const unsubscribe = events.subscribe((event) => {
    if (event === 'accounts.changed') sync();
  });
  sync();

  return {
    /** Whether any window has focus: some networks are asked for news only then. */
    setFocused(value: boolean): void {
      focused = value;
      for (const entry of running.values()) entry.setFocused(value);
    },
    /** How each account gets its updates now, for tests and diagnostics. */
    modes(): Record<string, string> {
      return Object.fromEntries([...running].map(([id, entry]) => [id, entry.mode]));
    },
    close(): void {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const entry of running.values()) entry.stop();
      running.clear();
      if (flushTimer !== null) timers.clearTimeout(flushTimer);
      flush(); // what arrived last is still written to the cache
    },
  };
}

export type LiveUpdates = ReturnType<typeof createLiveUpdates>;
